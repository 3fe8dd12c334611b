package io.hearth.core.sync;

import static java.util.Objects.requireNonNull;

import io.hearth.connector.spi.SourceRecord;
import io.hearth.connector.spi.StandardFields;
import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactRules;
import io.hearth.core.dedup.KeyClaims;
import io.hearth.core.dedup.MatchIndex;
import io.hearth.core.dedup.MatchKeys;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.LeadRules;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.SyncedLead;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.PersonFields;
import io.hearth.core.person.PersonRef;
import io.hearth.core.resource.ControlCharacters;
import io.hearth.core.resource.TimeOrderedIds;
import io.hearth.core.resource.Versioned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Works out what one batch of records changes, for the sync use case to store through the lead and
 * contact use cases, as hand entry does. Each record is matched ({@link MatchIndex}), among leads
 * and contacts, on the connector's external id, then normalized email, then E.164 phone, then
 * name + company; a match is merged into the person found, lead or contact (the newer value wins,
 * an empty value never overwrites a filled one), anything else becomes a new lead. Records are applied in order against what the
 * batch already wrote, so repeated rows in one batch merge as well as rows repeated across batches.
 */
public final class BatchPlanner {
    private final LeadRules rules;
    private final ContactRules contactRules;
    private final TimeOrderedIds ids;

    public BatchPlanner(LeadRules rules, ContactRules contactRules, TimeOrderedIds ids) {
        this.rules = requireNonNull(rules, "rules is null");
        this.contactRules = requireNonNull(contactRules, "contactRules is null");
        this.ids = requireNonNull(ids, "ids is null");
    }

    /**
     * What a batch changes.
     *
     * @param created the new leads, in record order
     * @param changedLeads the leads it changes, each with the version read
     * @param changedContacts the contacts it changes, each with the version read
     * @param newLinks the external ids the batch links to a person for the first time
     */
    public record Plan(
            SyncCounts counts,
            List<Rejection> rejections,
            List<SyncedLead> created,
            List<Versioned<Lead>> changedLeads,
            List<Versioned<Contact>> changedContacts,
            Map<String, PersonRef> newLinks) {}

    /**
     * A record mapped and cleaned by the lead rules, with its matching keys.
     *
     * @param fields the record's own values, to merge into a person it matches
     * @param asCreated the fields of a new lead made from it: {@code fields} with the defaults filled
     */
    public record Candidate(SourceRecord source, LeadFields fields, LeadFields asCreated, MatchKeys keys) {}

    /**
     * A batch's records mapped and cleaned, and those rejected doing so: the part of applying a
     * batch that needs no database, so it can be done ahead, beside the storing of the batch before.
     *
     * @param removals the records the source deleted or merged into another, in order, applied after
     *     the batch's other records (a CRM sends a merge's survivor before the records merged into it)
     * @param claims the key claims of the batch's people ({@link KeyClaims}): the turns its
     *     transaction takes. A removal claims the external ids it names, its survivor's too. Worked
     *     out here, ahead, once: a batch of 1,000 people has some 4,000 keys to hash
     */
    public record Prepared(
            int records,
            List<Candidate> candidates,
            List<Rejection> rejections,
            List<SourceRecord> removals,
            List<Long> claims) {
        public Prepared {
            candidates = List.copyOf(candidates);
            rejections = List.copyOf(rejections);
            removals = List.copyOf(removals);
            claims = List.copyOf(claims);
        }

        public Prepared(int records, List<Candidate> candidates, List<Rejection> rejections) {
            this(records, candidates, rejections, List.of(), List.of());
        }

        private static List<Long> claims(List<Candidate> candidates, List<SourceRecord> removals, String connector) {
            List<MatchKeys> keys = new ArrayList<>(candidates.size() + 2 * removals.size());
            candidates.forEach(candidate -> keys.add(candidate.keys()));
            for (SourceRecord removal : removals) {
                keys.add(new MatchKeys(removal.externalId().strip(), null, null, null));
                if (removal.mergedInto() != null) {
                    keys.add(new MatchKeys(removal.mergedInto().strip(), null, null, null));
                }
            }
            return KeyClaims.of(keys, connector);
        }
    }

    /** The batch's records of {@code connector} mapped, cleaned and keyed, ready to be stored. */
    public Prepared prepare(List<SourceRecord> records, FieldMapping mapping, String connector) {
        List<Rejection> rejections = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>(records.size());
        List<SourceRecord> removals = new ArrayList<>();
        for (SourceRecord record : records) {
            try {
                if (record.change() != SourceRecord.Change.UPSERT) {
                    ControlCharacters.requireLine(record.externalId().strip(), "external_id");
                    if (record.mergedInto() != null) {
                        ControlCharacters.requireLine(record.mergedInto().strip(), "merged_into");
                    }
                    removals.add(record);
                    continue;
                }
                candidates.add(candidate(record, mapping));
            } catch (InvalidArgumentException e) {
                rejections.add(new Rejection(record.position(), e.getMessage(), raw(record)));
            }
        }
        return new Prepared(
                records.size(), candidates, rejections, removals, Prepared.claims(candidates, removals, connector));
    }

    /**
     * @param index the people the batch's records may be, loaded under the batch's key claims; the
     *     plan's changes are remembered in it as they are made, so later records of the batch see them
     * @param runStartedAt a person written at or after it was written by this run: matching it again counts as merged
     */
    public Plan plan(Prepared prepared, MatchIndex index, Instant runStartedAt, Instant now) {
        return plan(prepared, index, runStartedAt, now, Owners.ANYONE);
    }

    /**
     * As {@link #plan(Prepared, MatchIndex, Instant, Instant)}, rejecting a record that would give a
     * new person to someone {@code owners} does not allow, or change a person such a one owns.
     */
    public Plan plan(Prepared prepared, MatchIndex index, Instant runStartedAt, Instant now, Owners owners) {
        List<Rejection> rejections = new ArrayList<>(prepared.rejections());
        Writes writes = new Writes(index, now);
        Set<PersonRef> touched = new HashSet<>();
        Map<String, PersonRef> newLinks = new HashMap<>();
        long created = 0;
        long updated = 0;
        long unchanged = 0;
        long merged = 0;
        for (Candidate candidate : prepared.candidates()) {
            PersonRef person = index.match(candidate.keys());
            String refused = refusal(owners, index, person, candidate);
            if (refused != null) {
                rejections.add(new Rejection(candidate.source().position(), refused, raw(candidate.source())));
                continue;
            }
            if (person == null) {
                person = PersonRef.of(writes.create(candidate, new LeadId(ids.next())));
                created++;
            } else {
                boolean repeated =
                        touched.contains(person) || !index.updatedAt(person).isBefore(runStartedAt);
                boolean changed;
                try {
                    changed = person.isLead()
                            ? writes.merge(index.lead(person.leadId()), candidate)
                            : writes.merge(index.contact(person.contactId()), candidate);
                } catch (InvalidArgumentException e) {
                    rejections.add(
                            new Rejection(candidate.source().position(), e.getMessage(), raw(candidate.source())));
                    continue;
                }
                if (repeated) {
                    merged++;
                } else if (changed) {
                    updated++;
                } else {
                    unchanged++;
                }
            }
            touched.add(person);
            String externalId = candidate.keys().externalId();
            if (externalId != null && index.link(externalId, person)) {
                newLinks.put(externalId, person);
            }
        }
        List<SyncedLead> newLeads = writes.created.values().stream()
                .map(lead -> new SyncedLead(lead, true, writes.inquiredAt.get(lead.id())))
                .toList();
        List<Versioned<Lead>> changedLeads = writes.leadVersions.entrySet().stream()
                .map(stored -> new Versioned<>(index.lead(stored.getKey()), stored.getValue()))
                .toList();
        List<Versioned<Contact>> changedContacts = writes.contactVersions.entrySet().stream()
                .map(stored -> new Versioned<>(index.contact(stored.getKey()), stored.getValue()))
                .toList();
        SyncCounts counts = new SyncCounts(prepared.records(), created, updated, unchanged, merged, rejections.size());
        return new Plan(counts, rejections, newLeads, changedLeads, changedContacts, newLinks);
    }

    /** Why {@code owners} may not have the record written, or null when they may. */
    private static String refusal(Owners owners, MatchIndex index, PersonRef person, Candidate candidate) {
        if (person == null) {
            String owner = candidate.asCreated().owner();
            return owners.allows(owner) ? null : owners.notYours(owner);
        }
        String current = person.isLead()
                ? index.lead(person.leadId()).fields().owner()
                : index.contact(person.contactId()).fields().owner();
        if (!owners.allows(current)) {
            return Owners.someoneElses();
        }
        String given = candidate.fields().owner();
        return owners.allows(given) ? null : owners.notYours(given);
    }

    /** What one batch writes, kept in the index as it goes so later records of the batch see it. */
    private final class Writes {
        private final MatchIndex index;
        private final Instant now;
        private final Map<LeadId, Lead> created = new LinkedHashMap<>();
        private final Map<LeadId, Instant> inquiredAt = new HashMap<>();
        /** The stored version of each lead and contact the batch changes, to write it only if nobody else did. */
        private final Map<LeadId, Long> leadVersions = new LinkedHashMap<>();

        private final Map<ContactId, Long> contactVersions = new LinkedHashMap<>();

        Writes(MatchIndex index, Instant now) {
            this.index = index;
            this.now = now;
        }

        LeadId create(Candidate candidate, LeadId id) {
            Lead lead = new Lead(id, candidate.asCreated(), now, now, null, 1);
            created.put(id, lead);
            if (candidate.source().modifiedAt() != null) {
                inquiredAt.put(id, candidate.source().modifiedAt());
            }
            index.remember(lead);
            return id;
        }

        /** @return whether the candidate changed the lead */
        boolean merge(Lead existing, Candidate candidate) {
            LeadFields next = rules.forUpdate(existing.fields(), BatchPlanner.merge(existing, candidate));
            if (next.equals(existing.fields())) {
                return false;
            }
            Lead result;
            if (created.containsKey(existing.id())) {
                result = existing.rewritten(next, now, 1);
                created.put(result.id(), result);
            } else {
                leadVersions.putIfAbsent(existing.id(), existing.version());
                result = existing.rewritten(next, now, leadVersions.get(existing.id()) + 1);
            }
            index.remember(result);
            return true;
        }

        /** @return whether the candidate changed the contact */
        boolean merge(Contact existing, Candidate candidate) {
            ContactFields next = contactRules.forUpdate(existing.fields(), BatchPlanner.merge(existing, candidate));
            if (next.equals(existing.fields())) {
                return false;
            }
            contactVersions.putIfAbsent(existing.id(), existing.version());
            index.remember(new Contact(
                    existing.id(),
                    next,
                    existing.origin(),
                    existing.convertedFrom(),
                    existing.createdAt(),
                    now,
                    existing.archivedAt(),
                    contactVersions.get(existing.id()) + 1,
                    existing.archiveReason()));
            return true;
        }
    }

    private Candidate candidate(SourceRecord record, FieldMapping mapping) {
        Map<String, String> values = mapping.apply(record.fields());
        List<String> tags = values.containsKey(StandardFields.TAGS)
                ? List.of(values.get(StandardFields.TAGS).split("[,;]"))
                : List.of();
        LeadFields raw = LeadFields.builder()
                .givenName(values.get(StandardFields.GIVEN_NAME))
                .familyName(values.get(StandardFields.FAMILY_NAME))
                .company(values.get(StandardFields.COMPANY))
                .title(values.get(StandardFields.TITLE))
                .email(values.get(StandardFields.EMAIL))
                .phone(values.get(StandardFields.PHONE))
                .source(Picklists.source(values.get(StandardFields.SOURCE)))
                .status(Picklists.status(values.get(StandardFields.STATUS)))
                .owner(values.get(StandardFields.OWNER))
                .notes(values.get(StandardFields.NOTES))
                .tags(tags)
                .build();
        // forCreate cleans (trims, E.164, lower-case tags) and rejects what cannot be a lead; it also
        // fills defaults, which must not count as values when merging into an existing person.
        // Cleaning once per record matters: normalizing the phone is most of an import's own CPU.
        LeadFields cleaned = rules.forCreate(raw);
        LeadFields fields = cleaned.toBuilder()
                .source(raw.source())
                .status(raw.status())
                .temperature(null)
                .build();
        String externalId = record.externalId() == null || record.externalId().isBlank()
                ? null
                : ControlCharacters.requireLine(record.externalId().strip(), "external_id");
        return new Candidate(record, fields, cleaned, MatchKeys.of(fields).withExternalId(externalId));
    }

    /** The existing fields with the candidate's values where it has them and they win. */
    private static LeadFields merge(Lead existing, Candidate candidate) {
        boolean newer = newer(candidate, existing.updatedAt());
        LeadFields old = existing.fields();
        LeadFields in = candidate.fields();
        return old.withPerson(merge(old.person(), in.person(), newer)).toBuilder()
                // only conversion moves a lead to or from converted
                .status(old.status() == LeadStatus.CONVERTED ? old.status() : pick(old.status(), in.status(), newer))
                .build();
    }

    private static ContactFields merge(Contact existing, Candidate candidate) {
        boolean newer = newer(candidate, existing.updatedAt());
        ContactFields old = existing.fields();
        LeadFields in = candidate.fields();
        return old.withPerson(merge(old.person(), in.person(), newer));
    }

    /** Whether the record is at least as new as the stored person (a record without a time counts as now). */
    private static boolean newer(Candidate candidate, Instant storedAt) {
        Instant modified = candidate.source().modifiedAt();
        return modified == null || !modified.isBefore(storedAt);
    }

    /**
     * The stored person's shared fields with the record's, lead or contact alike: a record's value
     * wins where it has one and is newer, the stored one fills what the record lacks; tags add up.
     */
    private static PersonFields merge(PersonFields old, PersonFields in, boolean newer) {
        Set<String> tags = new LinkedHashSet<>(old.tags());
        tags.addAll(in.tags());
        return new PersonFields(
                pick(old.givenName(), in.givenName(), newer),
                pick(old.familyName(), in.familyName(), newer),
                pick(old.company(), in.company(), newer),
                pick(old.title(), in.title(), newer),
                pick(old.email(), in.email(), newer),
                pick(old.phone(), in.phone(), newer),
                pick(old.source(), in.source(), newer),
                pick(old.owner(), in.owner(), newer),
                pick(old.notes(), in.notes(), newer),
                List.copyOf(tags));
    }

    private static <T> T pick(T old, T incoming, boolean incomingIsNewer) {
        if (incoming == null) {
            return old;
        }
        return old == null || incomingIsNewer ? incoming : old;
    }

    /**
     * Like {@link #pick} for text, but a value that differs only in letter case is the same value
     * typed differently: keeping the stored one stops two spellings in one file from flip-flopping.
     */
    private static String pick(String old, String incoming, boolean incomingIsNewer) {
        if (incoming == null || incoming.equalsIgnoreCase(old)) {
            return old;
        }
        return old == null || incomingIsNewer ? incoming : old;
    }

    private static String raw(SourceRecord record) {
        return record.fields().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }

    /**
     * The people a batch may match, by each key, kept current as the batch writes. Where one key
     * names a contact and a lead, the contact holds it: the person is already being worked as a
     * contact, and a lead beside it would put them in the cold-call lane. A lead converted since
     * stands for its contact, which took its id.
     */
}
