package io.hearth.core.sync;

import static java.util.Objects.requireNonNull;

import io.hearth.connector.spi.SourceRecord;
import io.hearth.connector.spi.StandardFields;
import io.hearth.core.dedup.DedupKeys;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.StaleEtagException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.LeadId;
import io.hearth.core.lead.LeadObserver;
import io.hearth.core.lead.LeadRules;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.LeadStore;
import io.hearth.core.lead.SyncedLead;
import io.hearth.core.resource.TimeOrderedIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Stores one batch of records as leads, inside the caller's transaction. Each record is matched on
 * the connector's external id, then normalized email, then E.164 phone, then name + company; a
 * match is merged into the person found (the newer value wins, an empty value never overwrites a
 * filled one), anything else becomes a new lead. Records are applied in order against what the
 * batch already wrote, so repeated rows in one batch merge as well as rows repeated across batches.
 */
final class BatchApplier {
    private final PersonMatchStore matches;
    private final LeadStore leads;
    private final LeadRules rules;
    private final List<LeadObserver> observers;
    private final TimeOrderedIds ids;

    BatchApplier(PersonMatchStore matches, LeadStore leads, LeadRules rules, List<LeadObserver> observers,
                 TimeOrderedIds ids) {
        this.observers = List.copyOf(requireNonNull(observers, "observers is null"));
        this.matches = requireNonNull(matches, "matches is null");
        this.leads = requireNonNull(leads, "leads is null");
        this.rules = requireNonNull(rules, "rules is null");
        this.ids = requireNonNull(ids, "ids is null");
    }

    record Outcome(SyncCounts counts, List<Rejection> rejections) {
    }

    /**
     * A record mapped and cleaned by the lead rules, with its matching keys.
     *
     * @param fields the record's own values, to merge into a person it matches
     * @param asCreated the fields of a new lead made from it: {@code fields} with the defaults filled
     */
    record Candidate(SourceRecord source, LeadFields fields, LeadFields asCreated, String externalId,
                     String emailKey, String phone, String nameKey) {
    }

    /**
     * A batch's records mapped and cleaned, and those rejected doing so: the part of applying a
     * batch that needs no database, so it can be done ahead, beside the storing of the batch before.
     */
    record Prepared(int records, List<Candidate> candidates, List<Rejection> rejections) {
        Prepared {
            candidates = List.copyOf(candidates);
            rejections = List.copyOf(rejections);
        }
    }

    Prepared prepare(List<SourceRecord> records, FieldMapping mapping) {
        List<Rejection> rejections = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>(records.size());
        for (SourceRecord record : records) {
            try {
                candidates.add(candidate(record, mapping));
            } catch (InvalidArgumentException e) {
                rejections.add(new Rejection(record.position(), e.getMessage(), raw(record)));
            }
        }
        return new Prepared(records.size(), candidates, rejections);
    }

    /**
     * @param runStartedAt a person written at or after it was written by this run: matching it again counts as merged
     * @throws StaleEtagException when someone else changed a matched lead meanwhile; the batch is safe to re-apply
     */
    Outcome apply(String connector, Prepared prepared, Instant runStartedAt, Instant now) {
        List<Rejection> rejections = new ArrayList<>(prepared.rejections());
        List<Candidate> candidates = prepared.candidates();
        Index index = Index.load(connector, candidates, matches);
        Map<LeadId, Lead> created = new LinkedHashMap<>();
        Map<LeadId, Instant> inquiredAt = new HashMap<>();
        Map<LeadId, Long> storedVersions = new HashMap<>();
        Set<LeadId> touched = new HashSet<>();
        Map<String, LeadId> newLinks = new HashMap<>();
        long createdCount = 0;
        long updated = 0;
        long unchanged = 0;
        long merged = 0;
        for (Candidate candidate : candidates) {
            Lead existing = index.match(candidate);
            Lead result;
            if (existing == null) {
                result = new Lead(new LeadId(ids.next()), candidate.asCreated(), now, now, null, 1);
                created.put(result.id(), result);
                if (candidate.source().modifiedAt() != null) {
                    inquiredAt.put(result.id(), candidate.source().modifiedAt());
                }
                createdCount++;
            } else {
                boolean repeated = touched.contains(existing.id()) || !existing.updatedAt().isBefore(runStartedAt);
                LeadFields next;
                try {
                    next = rules.forUpdate(existing.fields(), merge(existing, candidate));
                } catch (InvalidArgumentException e) {
                    rejections.add(new Rejection(candidate.source().position(), e.getMessage(), raw(candidate.source())));
                    continue;
                }
                if (next.equals(existing.fields())) {
                    result = existing;
                } else if (created.containsKey(existing.id())) {
                    result = new Lead(existing.id(), next, existing.createdAt(), now, null, 1);
                    created.put(result.id(), result);
                } else {
                    storedVersions.putIfAbsent(existing.id(), existing.version());
                    result = new Lead(existing.id(), next, existing.createdAt(), now, existing.archivedAt(),
                            storedVersions.get(existing.id()) + 1);
                }
                if (repeated) {
                    merged++;
                } else if (result == existing) {
                    unchanged++;
                } else {
                    updated++;
                }
            }
            touched.add(result.id());
            if (candidate.externalId() != null && index.link(candidate.externalId(), result.id())) {
                newLinks.put(candidate.externalId(), result.id());
            }
            index.remember(result);
        }
        for (Map.Entry<LeadId, Lead> lead : created.entrySet()) {
            for (LeadObserver observer : observers) {
                lead.setValue(observer.inserting(new SyncedLead(lead.getValue(), true, inquiredAt.get(lead.getKey()))));
            }
        }
        leads.insertAll(created.values());
        for (Map.Entry<LeadId, Long> stored : storedVersions.entrySet()) {
            if (!leads.update(index.current(stored.getKey()), stored.getValue())) {
                throw StaleEtagException.concurrent(stored.getKey().name());
            }
        }
        matches.link(connector, newLinks);
        List<SyncedLead> written = new ArrayList<>(created.size() + storedVersions.size());
        for (Lead lead : created.values()) {
            written.add(new SyncedLead(lead, true, inquiredAt.get(lead.id())));
        }
        for (LeadId id : storedVersions.keySet()) {
            written.add(new SyncedLead(index.current(id), false, null));
        }
        for (LeadObserver observer : observers) {
            written = zip(written, observer.synced(written));
        }
        SyncCounts counts = new SyncCounts(prepared.records(), createdCount, updated, unchanged, merged, rejections.size());
        return new Outcome(counts, rejections);
    }

    /** The synced leads as an observer left them. */
    private static List<SyncedLead> zip(List<SyncedLead> synced, List<Lead> current) {
        if (current.size() != synced.size()) {
            throw new IllegalStateException("an observer returned " + current.size() + " leads for " + synced.size());
        }
        List<SyncedLead> result = new ArrayList<>(synced.size());
        for (int i = 0; i < synced.size(); i++) {
            result.add(new SyncedLead(current.get(i), synced.get(i).created(), synced.get(i).inquiredAt()));
        }
        return result;
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
        LeadFields fields = cleaned.toBuilder().source(raw.source()).status(raw.status()).temperature(null).build();
        String externalId = record.externalId() == null || record.externalId().isBlank()
                ? null : record.externalId().strip();
        return new Candidate(record, fields, cleaned, externalId, DedupKeys.emailKey(fields), fields.phone(),
                DedupKeys.nameKey(fields));
    }

    /** The existing fields with the candidate's values where it has them and they win. */
    private static LeadFields merge(Lead existing, Candidate candidate) {
        Instant modified = candidate.source().modifiedAt();
        boolean newer = modified == null || !modified.isBefore(existing.updatedAt());
        LeadFields old = existing.fields();
        LeadFields in = candidate.fields();
        Set<String> tags = new LinkedHashSet<>(old.tags());
        tags.addAll(in.tags());
        return old.toBuilder()
                .givenName(pick(old.givenName(), in.givenName(), newer))
                .familyName(pick(old.familyName(), in.familyName(), newer))
                .company(pick(old.company(), in.company(), newer))
                .title(pick(old.title(), in.title(), newer))
                .email(pick(old.email(), in.email(), newer))
                .phone(pick(old.phone(), in.phone(), newer))
                .source(pick(old.source(), in.source(), newer))
                // only conversion moves a lead to or from converted
                .status(old.status() == LeadStatus.CONVERTED ? old.status() : pick(old.status(), in.status(), newer))
                .owner(pick(old.owner(), in.owner(), newer))
                .notes(pick(old.notes(), in.notes(), newer))
                .tags(List.copyOf(tags))
                .build();
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

    /** The people a batch may match, by each key, kept current as the batch writes. */
    private static final class Index {
        private final Map<LeadId, Lead> current = new HashMap<>();
        private final Map<String, LeadId> byExternalId = new HashMap<>();
        private final Map<String, LeadId> byEmail = new HashMap<>();
        private final Map<String, LeadId> byPhone = new HashMap<>();
        private final Map<String, LeadId> byName = new HashMap<>();

        static Index load(String connector, List<Candidate> candidates, PersonMatchStore matches) {
            Index index = new Index();
            Map<String, LeadId> linked = matches.linkedLeads(connector, keys(candidates, Candidate::externalId));
            List<Lead> found = new ArrayList<>(matches.leadsWithIds(new HashSet<>(linked.values())));
            found.addAll(matches.leadsWithEmailKeys(keys(candidates, Candidate::emailKey)));
            found.addAll(matches.leadsWithPhones(keys(candidates, Candidate::phone)));
            found.addAll(matches.leadsWithNameKeys(keys(candidates, Candidate::nameKey)));
            // when the store already holds duplicates, the oldest person is the one records merge into
            found.sort(Comparator.comparing(Lead::createdAt).thenComparing(l -> l.id().value()));
            for (Lead lead : found) {
                if (index.current.putIfAbsent(lead.id(), lead) == null) {
                    index.put(lead);
                }
            }
            index.byExternalId.putAll(linked);
            return index;
        }

        Lead match(Candidate candidate) {
            LeadId id = candidate.externalId() == null ? null : byExternalId.get(candidate.externalId());
            if (id == null && candidate.emailKey() != null) {
                id = byEmail.get(candidate.emailKey());
            }
            if (id == null && candidate.phone() != null) {
                id = byPhone.get(candidate.phone());
            }
            if (id == null && candidate.nameKey() != null) {
                id = byName.get(candidate.nameKey());
            }
            return id == null ? null : current.get(id);
        }

        /** Records that {@code externalId} is {@code id}; true when that link is new. */
        boolean link(String externalId, LeadId id) {
            return byExternalId.putIfAbsent(externalId, id) == null;
        }

        void remember(Lead lead) {
            current.put(lead.id(), lead);
            put(lead);
        }

        Lead current(LeadId id) {
            return current.get(id);
        }

        private void put(Lead lead) {
            putKey(byEmail, DedupKeys.emailKey(lead.fields()), lead.id());
            putKey(byPhone, lead.fields().phone(), lead.id());
            putKey(byName, DedupKeys.nameKey(lead.fields()), lead.id());
        }

        private static void putKey(Map<String, LeadId> keys, String key, LeadId id) {
            if (key == null) {
                return;
            }
            // the first person to hold a key keeps it, so a record always merges into the same one
            keys.putIfAbsent(key, id);
        }

        private static Collection<String> keys(List<Candidate> candidates, Function<Candidate, String> key) {
            return candidates.stream().map(key).filter(Objects::nonNull).collect(Collectors.toSet());
        }
    }
}
