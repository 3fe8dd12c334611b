package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.SourceRecord;
import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactStore;
import io.hearth.core.dedup.DedupKeys;
import io.hearth.core.dedup.PersonMatchStore;
import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.Excerpts;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.StaleEtagException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.opportunity.DealLinkStore;
import io.hearth.core.opportunity.Opportunity;
import io.hearth.core.opportunity.OpportunityFields;
import io.hearth.core.opportunity.OpportunityId;
import io.hearth.core.opportunity.OpportunityRules;
import io.hearth.core.opportunity.OpportunitySource;
import io.hearth.core.opportunity.OpportunityStore;
import io.hearth.core.opportunity.Outcome;
import io.hearth.core.opportunity.PipelineStage;
import io.hearth.core.opportunity.PipelineStages;
import io.hearth.core.opportunity.StageMapping;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonRef;
import io.hearth.core.person.Scope;
import io.hearth.core.resource.Money;
import io.hearth.core.resource.TimeOrderedIds;
import io.hearth.core.sync.DealColumns;
import io.hearth.core.sync.Owners;
import io.hearth.core.sync.Picklists;
import io.hearth.core.sync.Rejection;
import io.hearth.core.sync.SyncCounts;
import io.hearth.core.touch.ContactQueue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Stores a batch of deal records read from a connector, in the batch's transaction. A deal is known
 * by its id in the source: a deal Hearth exported carries its Hearth name ({@code opportunities/...}),
 * any other is linked to the deal it made ({@code opportunity_link}), so reading it again updates
 * that deal (or changes nothing) and never opens a second one. Its contact is found by the person's
 * id in the same source (the link the people sync made), by a Hearth name, or by e-mail; its stage
 * through the {@link StageMapping}. A record that cannot be stored (no id, no contact, an unknown
 * stage, a bad amount, a closed deal it would reopen) is a rejection naming why, and does not stop
 * the others.
 *
 * <p>A new deal whose person is still a lead in Hearth converts the lead into a prospect
 * ({@link LeadConversion}) in the batch's transaction: a deal opened in the source means the person
 * engaged (a meeting, a call), which is what converts a lead. Every check of the record comes first,
 * so a refused record leaves the lead a lead. Closed deals convert too: a won deal is a customer,
 * and a lost one is kept so that win rates by lead source count the losses. Two runs converting one
 * lead at once cannot both convert it (the lead's version and the contact's primary key, the lead's
 * id); the one that loses applies its batch again and finds the contact.
 *
 * <p>The contacts of the deals a batch wrote are placed in the work queue again once each, at the
 * end of the batch, as every other deal write places them ({@link ContactQueue#dealChanged}).
 * <p>For a connection that writes deals back, the deal fields Hearth owns are not applied to a deal
 * Hearth has (they open a deal it did not have), and what the source holds of each stored deal is
 * returned ({@link Stored#seen}), so the write-back knows what the CRM has without writing it.
 */
public final class DealImport {
    private final OpportunityStore store;
    private final DealLinkStore links;
    private final PersonMatchStore matches;
    private final ContactStore contacts;
    private final PipelineStages pipeline;
    private final OpportunityRules rules;
    private final AuditLog audit;
    private final TimeOrderedIds ids;
    private final LeadConversion conversion;
    private final ContactQueue queue;

    /**
     * @param conversion converts a deal's lead, in the batch's transaction
     * @param queue places the contacts of the deals written, in the batch's transaction
     */
    public DealImport(
            OpportunityStore store,
            DealLinkStore links,
            PersonMatchStore matches,
            ContactStore contacts,
            PipelineStages pipeline,
            OpportunityRules rules,
            AuditLog audit,
            TimeOrderedIds ids,
            LeadConversion conversion,
            ContactQueue queue) {
        this.conversion = requireNonNull(conversion, "conversion is null");
        this.queue = requireNonNull(queue, "queue is null");
        this.store = requireNonNull(store, "store is null");
        this.links = requireNonNull(links, "links is null");
        this.matches = requireNonNull(matches, "matches is null");
        this.contacts = requireNonNull(contacts, "contacts is null");
        this.pipeline = requireNonNull(pipeline, "pipeline is null");
        this.rules = requireNonNull(rules, "rules is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.ids = requireNonNull(ids, "ids is null");
    }

    public PipelineStages pipeline() {
        return pipeline;
    }

    /**
     * What a batch did: its counts (each record in exactly one; a deal converting its lead is
     * created), its rejections, and what the source
     * holds of each deal it stored, by deal id ({@link DealValues}: the source's stage mapped to
     * Hearth's key), whether or not Hearth applied it.
     */
    public record Stored(SyncCounts counts, List<Rejection> rejections, Map<UUID, Map<String, String>> seen) {}

    /** Stores {@code records} applying every field, as an import does. */
    public Stored apply(
            String connector,
            List<SourceRecord> records,
            StageMapping stages,
            Owners owners,
            String user,
            Instant now) {
        return apply(connector, records, stages, owners, user, now, Set.of());
    }

    /**
     * Stores {@code records} in the caller's transaction.
     *
     * @param user who runs the sync, recorded as who moved a deal's stage; {@code null} for none
     * @param unread the {@link DealFields} Hearth owns, not applied to a deal Hearth has: the title,
     *     the amount (with its currency), the close date, the stage (with the outcome and reason), and
     *     the owner; other names are ignored
     * @throws StaleEtagException when a deal changed meanwhile; the batch is safe to apply again
     */
    public Stored apply(
            String connector,
            List<SourceRecord> records,
            StageMapping stages,
            Owners owners,
            String user,
            Instant now,
            Set<String> unread) {
        Batch batch = new Batch(connector, stages, owners, user, now, Set.copyOf(unread));
        batch.load(records);
        for (SourceRecord record : records) {
            try {
                batch.store(record);
            } catch (Refused e) {
                batch.rejections.add(new Rejection(record.position(), e.getMessage(), raw(record)));
                batch.rejected++;
            }
        }
        links.link(connector, batch.newLinks, now);
        batch.placed.forEach(queue::dealChanged);
        return new Stored(
                new SyncCounts(
                        records.size(),
                        batch.created,
                        batch.updated,
                        batch.unchanged,
                        batch.merged,
                        batch.rejected,
                        batch.archived,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0),
                batch.rejections,
                batch.seen);
    }

    /** One batch's lookups and what it did so far. */
    private final class Batch {
        private final String connector;
        private final StageMapping stages;
        private final Owners owners;
        private final String user;
        private final Instant now;
        private final Map<String, OpportunityId> linked = new HashMap<>();
        private final Map<String, PersonRef> people = new HashMap<>();
        private final Map<String, OpportunityId> newLinks = new LinkedHashMap<>();
        /** The deals this batch wrote, by id: a record repeated in the batch updates what the first stored. */
        private final Map<OpportunityId, Opportunity> written = new HashMap<>();
        /** The contacts of the deals this batch wrote, placed in the queue once each at its end. */
        private final Set<ContactId> placed = new LinkedHashSet<>();

        private final Set<String> unread;
        private final Map<UUID, Map<String, String>> seen = new LinkedHashMap<>();

        private final List<Rejection> rejections = new ArrayList<>();
        private long created;
        private long updated;
        private long unchanged;
        private long merged;
        private long rejected;
        private long archived;

        Batch(String connector, StageMapping stages, Owners owners, String user, Instant now, Set<String> unread) {
            this.unread = unread;
            this.connector = connector;
            this.stages = stages;
            this.owners = owners;
            this.user = user;
            this.now = now;
        }

        /** The batch's links, deals and people, in one query each. */
        void load(List<SourceRecord> records) {
            List<String> dealIds = records.stream()
                    .map(SourceRecord::externalId)
                    .filter(Objects::nonNull)
                    .distinct()
                    .toList();
            linked.putAll(links.linked(connector, dealIds));
            List<String> personIds = records.stream()
                    .map(r -> DealColumns.map(r.fields()).get(DealFields.CONTACT_ID))
                    .filter(Objects::nonNull)
                    .distinct()
                    .toList();
            people.putAll(matches.linked(connector, personIds));
        }

        void store(SourceRecord record) {
            String id = record.externalId();
            if (id == null || id.isBlank()) {
                throw new Refused("a deal needs its id (a Deal ID, Opportunity ID or ID column) so that reading it"
                        + " again finds it instead of adding it twice");
            }
            Optional<Opportunity> existing = existing(id.strip());
            if (record.change() != SourceRecord.Change.UPSERT) {
                removed(record, existing);
                return;
            }
            Map<String, String> fields = DealColumns.map(record.fields());
            PipelineStage stage = stage(fields);
            if (existing.isPresent()) {
                update(existing.get(), fields, stage);
            } else {
                create(id.strip(), fields, stage);
            }
        }

        private Optional<Opportunity> existing(String id) {
            OpportunityId deal = linked.get(id);
            if (deal == null && id.startsWith(OpportunityId.COLLECTION)) {
                deal = hearthName(id);
            }
            if (deal == null) {
                return Optional.empty();
            }
            Opportunity seen = written.get(deal);
            return seen != null ? Optional.of(seen) : store.find(deal, Scope.EVERYONE);
        }

        private OpportunityId hearthName(String id) {
            try {
                return OpportunityId.fromName(id, "id");
            } catch (InvalidArgumentException e) {
                return null;
            }
        }

        /** A deal the source deleted: its deal is archived (Hearth deletes nothing), a deal unknown is no change. */
        private void removed(SourceRecord record, Optional<Opportunity> existing) {
            if (existing.isEmpty() || existing.get().archived()) {
                unchanged++;
                return;
            }
            Opportunity current = existing.get();
            requireOwnersAllow(current.fields().owner());
            write(current, current.withArchivedAt(now, now), "sync-archive");
            archived++;
        }

        private void create(String id, Map<String, String> fields, PipelineStage stage) {
            Party party = party(fields);
            String owner = fields.getOrDefault(DealFields.OWNER, party.owner());
            if (!owners.allows(owner)) {
                throw new Refused(owners.notYours(owner));
            }
            if (party.contact() != null && party.contact().archived()) {
                throw new Refused(party.contact().id().name()
                        + ", the deal's contact, is archived; restore it to import its deals");
            }
            if (party.lead() != null) {
                // converting the lead changes that person: a manager converts only their team's
                requireOwnersAllow(party.owner());
            }
            OpportunityFields checked = checked(dealFields(fields, owner, null));
            LeadSource source = Optional.ofNullable(Picklists.source(fields.get(DealFields.LEAD_SOURCE)))
                    .orElse(party.source());
            PipelineStage opening = stage.closing() ? pipeline.first() : stage;
            Opportunity opened = Opportunity.open(
                    new OpportunityId(ids.next()),
                    party.id(),
                    checked,
                    opening,
                    new OpportunitySource(party.convertedFrom(), source),
                    user,
                    now);
            if (stage.closing()) {
                opened = closed(opened, stage, fields);
            }
            // every check is behind us: only a deal that is stored converts its lead
            if (party.lead() != null) {
                convert(party.lead());
            }
            store.insert(opened, null);
            audit.record(opened.id().name(), "sync-create", null, Opportunities.Audited.of(opened));
            written.put(opened.id(), opened);
            placed.add(opened.contact());
            seen.put(opened.id().value(), DealValues.of(opened));
            if (!id.equals(opened.id().name())) {
                newLinks.put(id, opened.id());
                linked.put(id, opened.id());
            }
            created++;
        }

        /**
         * Converts the deal's lead. A lead another run converted since this batch read it makes the
         * batch stale: applied again, it finds the contact.
         */
        private void convert(Lead lead) {
            try {
                conversion.convertInTransaction(lead);
            } catch (FailedPreconditionException e) {
                if (e.errorReason() == ErrorReason.LEAD_ALREADY_CONVERTED) {
                    throw StaleEtagException.concurrent(lead.id().name());
                }
                throw e;
            }
        }

        private void update(Opportunity current, Map<String, String> fields, PipelineStage stage) {
            requireOwnersAllow(current.fields().owner());
            String owner = unread.contains(DealFields.OWNER)
                    ? current.fields().owner()
                    : fields.getOrDefault(DealFields.OWNER, current.fields().owner());
            if (!Objects.equals(owner, current.fields().owner()) && !owners.allows(owner)) {
                throw new Refused(owners.notYours(owner));
            }
            OpportunityFields read = checked(dealFields(fields, owner, current.fields()));
            Map<String, String> source = sourceValues(read, stage, fields);
            OpportunityFields changed = keepUnread(read, current.fields());
            boolean repeated = written.containsKey(current.id());
            Opportunity next = changed.equals(current.fields()) ? current : current.withFields(changed, now);
            if (!unread.contains(DealFields.STAGE) && !stage.key().equals(current.stage())) {
                if (current.closed()) {
                    throw new Refused(current.id().name() + " is closed (" + lower(current.outcome())
                            + ") in Hearth and" + " the source has it in " + stage.key()
                            + "; reopening a closed deal is not supported yet");
                }
                next = stage.closing() ? closed(next, stage, fields) : next.movedTo(stage, user, now);
            }
            if (next == current) {
                seen.put(current.id().value(), source);
                if (repeated) {
                    merged++;
                } else {
                    unchanged++;
                }
                return;
            }
            if (current.archived()) {
                throw new Refused(
                        current.id().name() + " is archived in Hearth; restore it to take the source's changes");
            }
            // one version more per write, however many changes it made
            Opportunity stored = versioned(next, current);
            write(current, stored, "sync-update");
            seen.put(current.id().value(), source);
            if (repeated) {
                merged++;
            } else {
                updated++;
            }
        }

        private Opportunity versioned(Opportunity next, Opportunity current) {
            return new Opportunity(
                    next.id(),
                    next.contact(),
                    next.fields(),
                    next.stage(),
                    next.outcome(),
                    next.closeReason(),
                    next.closedAt(),
                    next.source(),
                    next.history(),
                    next.createdAt(),
                    now,
                    next.archivedAt(),
                    current.version() + 1);
        }

        private void write(Opportunity current, Opportunity next, String action) {
            if (!store.update(next, current.version())) {
                throw StaleEtagException.concurrent(next.id().name());
            }
            audit.record(next.id().name(), action, Opportunities.Audited.of(current), Opportunities.Audited.of(next));
            written.put(next.id(), next);
            placed.add(next.contact());
        }

        private Opportunity closed(Opportunity open, PipelineStage closing, Map<String, String> fields) {
            return open.closedIn(closing, reason(closing, fields), user, now);
        }

        /** Why the source closed the deal, as Hearth keeps it. */
        private String reason(PipelineStage closing, Map<String, String> fields) {
            String reason = fields.get(DealFields.REASON);
            if (closing.outcome() == Outcome.LOST && (reason == null || reason.isBlank())) {
                // Hearth requires why a deal was lost; a source without the field says so rather than nothing
                reason = "lost in " + connector + "; no reason was recorded there";
            }
            try {
                return rules.closeReason(closing.outcome(), reason, "reason");
            } catch (InvalidArgumentException e) {
                throw new Refused(describe(e));
            }
        }

        /** What the source holds of the deal, in Hearth's terms, whatever Hearth applies of it. */
        private Map<String, String> sourceValues(
                OpportunityFields read, PipelineStage stage, Map<String, String> fields) {
            String reason = null;
            if (stage.closing()) {
                try {
                    reason = reason(stage, fields);
                } catch (Refused e) {
                    // a reason Hearth would not keep is still what the source holds
                    reason = fields.get(DealFields.REASON);
                }
            }
            return DealValues.of(read, stage.key(), stage.outcome(), reason);
        }

        /** The fields read, with those Hearth owns kept as Hearth has them. */
        private OpportunityFields keepUnread(OpportunityFields read, OpportunityFields current) {
            return new OpportunityFields(
                    unread.contains(DealFields.TITLE) ? current.title() : read.title(),
                    unread.contains(DealFields.AMOUNT) ? current.amount() : read.amount(),
                    unread.contains(DealFields.CLOSE_DATE) ? current.expectedCloseDate() : read.expectedCloseDate(),
                    read.owner(),
                    read.nextStep());
        }

        private void requireOwnersAllow(String owner) {
            if (!owners.allows(owner)) {
                throw new Refused(Owners.someoneElses());
            }
        }

        /** The stage the record says, its outcome winning over its stage for a closed deal. */
        private PipelineStage stage(Map<String, String> fields) {
            String outcome = fields.getOrDefault(DealFields.OUTCOME, "").toLowerCase(Locale.ROOT);
            switch (outcome) {
                case "won" -> {
                    return pipeline.closingStage(Outcome.WON);
                }
                case "lost" -> {
                    return pipeline.closingStage(Outcome.LOST);
                }
                case "", "open" -> {
                    // the stage says
                }
                default -> throw new Refused("outcome " + Excerpts.quoted(outcome) + " is not open, won or lost");
            }
            String text = fields.get(DealFields.STAGE);
            if (text == null) {
                throw new Refused("the deal has no stage; a deal file needs a Stage column");
            }
            PipelineStage stage = stages.map(text).orElseThrow(() -> new Refused(stages.unmapped(text)));
            if (outcome.equals("open") && stage.closing()) {
                throw new Refused(
                        "the deal is open but its stage " + Excerpts.quoted(text) + " maps to " + stage.key());
            }
            return stage;
        }

        /**
         * Who the deal is with: by Hearth name, by the person's id in this source, then by e-mail. A
         * contact, or a lead the deal will convert (neither archived nor merged).
         */
        private Party party(Map<String, String> fields) {
            String name = fields.get(DealFields.CONTACT);
            if (name != null && name.startsWith(ContactId.COLLECTION)) {
                ContactId id;
                try {
                    id = ContactId.fromName(name, "contact");
                } catch (InvalidArgumentException e) {
                    throw new Refused(describe(e));
                }
                return Party.of(
                        contacts.find(id).orElseThrow(() -> new Refused("contact " + name + " is not in Hearth")));
            }
            String personId = fields.get(DealFields.CONTACT_ID);
            if (personId != null) {
                PersonRef person = people.get(personId);
                if (person == null) {
                    throw new Refused(
                            "contact " + Excerpts.quoted(personId) + " of " + connector
                                    + " is not in Hearth; sync its people first (records=people,deals reads them before the deals)");
                }
                if (person.isLead()) {
                    return leadParty(new LeadId(person.id()), "the deal's person " + Excerpts.quoted(personId));
                }
                return Party.of(contacts.find(new ContactId(person.id()))
                        .orElseThrow(() -> new Refused("contact " + personId + " is not in Hearth")));
            }
            String email = fields.get(DealFields.CONTACT_EMAIL);
            if (email != null) {
                List<String> key = List.of(DedupKeys.emailKey(email));
                List<Contact> found = matches.contactsMatching(key, List.of(), List.of());
                if (found.size() == 1) {
                    return Party.of(found.get(0));
                }
                if (found.isEmpty()) {
                    // a person only a lead so far: the deal converts it, as one found by its id does
                    List<Lead> leads = matches.leadsWithEmailKeys(key).stream()
                            .filter(lead -> !lead.archived() && lead.fields().status() != LeadStatus.CONVERTED)
                            .toList();
                    if (leads.size() == 1) {
                        return Party.of(leads.get(0));
                    }
                    throw new Refused(
                            leads.isEmpty()
                                    ? "no contact or lead in Hearth has the e-mail " + Excerpts.quoted(email)
                                    : "no contact but several leads have the e-mail " + Excerpts.quoted(email)
                                            + ": "
                                            + leads.stream()
                                                    .map(l -> l.id().name())
                                                    .collect(Collectors.joining(", "))
                                            + "; merge them or name the deal's contact");
                }
                throw new Refused("several contacts have the e-mail " + Excerpts.quoted(email) + ": "
                        + found.stream().map(c -> c.id().name()).collect(Collectors.joining(", ")));
            }
            throw new Refused("the deal names no contact (a Contact, Contact ID or Contact Email column)");
        }

        /** The contact {@code id} converted into, or the lead itself to convert: never an archived or merged one. */
        private Party leadParty(LeadId id, String who) {
            Optional<Contact> contact = contacts.findConvertedFrom(id);
            if (contact.isPresent()) {
                return Party.of(contact.get());
            }
            Lead lead = matches.leadsWithIds(List.of(id)).stream()
                    .findFirst()
                    .orElseThrow(() -> new Refused(who + " is " + id.name() + ", which is not in Hearth"));
            if (lead.merged()) {
                throw new Refused(who + " is " + id.name() + ", a lead merged into " + lead.mergedInto()
                        + " in Hearth; name that one as the deal's contact");
            }
            if (lead.archived()) {
                throw new Refused(who + " is " + id.name()
                        + ", an archived lead in Hearth; restore it to import its deals (the deal converts it)");
            }
            if (lead.fields().status() == LeadStatus.CONVERTED) {
                // converted, yet no contact names it as its lead: nothing to attach the deal to
                throw new Refused(who + " is " + id.name() + ", converted in Hearth, but no contact was made from it");
            }
            return Party.of(lead);
        }

        private OpportunityFields dealFields(Map<String, String> fields, String owner, OpportunityFields current) {
            String title = fields.getOrDefault(DealFields.TITLE, current == null ? null : current.title());
            Money amount = fields.containsKey(DealFields.AMOUNT)
                    ? money(fields.get(DealFields.AMOUNT), fields.get(DealFields.CURRENCY), current)
                    : current == null ? null : current.amount();
            LocalDate close = fields.containsKey(DealFields.CLOSE_DATE)
                    ? date(fields.get(DealFields.CLOSE_DATE))
                    : current == null ? null : current.expectedCloseDate();
            return new OpportunityFields(title, amount, close, owner, current == null ? null : current.nextStep());
        }

        private Money money(String amount, String currency, OpportunityFields current) {
            String code = currency != null
                    ? currency.strip().toUpperCase(Locale.ROOT)
                    : current == null || current.amount() == null
                            ? null
                            : current.amount().currency();
            if (code == null) {
                throw new Refused(
                        "the deal's amount " + Excerpts.quoted(amount) + " has no currency (a Currency column)");
            }
            BigDecimal value;
            try {
                value = new BigDecimal(amount.strip().replace(",", ""));
            } catch (NumberFormatException e) {
                throw new Refused("amount " + Excerpts.quoted(amount) + " is not a number");
            }
            if (value.signum() < 0 || value.scale() > 9 || value.precision() - value.scale() > 19) {
                throw new Refused("amount " + Excerpts.quoted(amount) + " must be a non-negative amount");
            }
            BigDecimal units = value.setScale(0, java.math.RoundingMode.DOWN);
            int nanos = value.subtract(units).movePointRight(9).intValueExact();
            try {
                return Money.of(code, units.longValueExact(), nanos, "amount");
            } catch (InvalidArgumentException e) {
                throw new Refused(describe(e));
            }
        }

        private LocalDate date(String text) {
            String day = text.strip();
            // a CRM's date-time (HubSpot's closedate) closes on its day
            if (day.length() > 10 && day.charAt(10) == 'T') {
                day = day.substring(0, 10);
            }
            try {
                return LocalDate.parse(day);
            } catch (DateTimeParseException e) {
                throw new Refused("close date " + Excerpts.quoted(text) + " is not an ISO date such as 2027-03-31");
            }
        }

        private OpportunityFields checked(OpportunityFields fields) {
            try {
                return rules.check(fields);
            } catch (InvalidArgumentException e) {
                throw new Refused(describe(e));
            }
        }
    }

    private static String describe(InvalidArgumentException e) {
        return e.violations().stream()
                .map(v -> v.field() + ": " + v.description())
                .collect(Collectors.joining("; "));
    }

    private static String lower(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    private static String raw(SourceRecord record) {
        return record.fields().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /**
     * Who a new deal is with: a contact, or a lead the deal converts, whose prospect will take the
     * lead's id, owner and source.
     */
    private record Party(Contact contact, Lead lead) {
        static Party of(Contact contact) {
            return new Party(contact, null);
        }

        static Party of(Lead lead) {
            return new Party(null, lead);
        }

        ContactId id() {
            return contact != null ? contact.id() : new ContactId(lead.id().value());
        }

        String owner() {
            return contact != null ? contact.fields().owner() : lead.fields().owner();
        }

        LeadSource source() {
            return contact != null ? contact.fields().source() : lead.fields().source();
        }

        /** The lead the deal's contact came from: the one converting now, or the contact's. */
        LeadId convertedFrom() {
            return contact != null ? contact.convertedFrom() : lead.id();
        }
    }

    /** A record that cannot be stored, and why. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
