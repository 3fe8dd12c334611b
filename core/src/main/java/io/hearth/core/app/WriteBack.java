package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.Connector;
import io.hearth.connector.spi.DealWriter;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.OutgoingDeal;
import io.hearth.connector.spi.OutgoingPerson;
import io.hearth.connector.spi.OutgoingTouch;
import io.hearth.connector.spi.RecordWriter;
import io.hearth.connector.spi.RetriableConnectorException;
import io.hearth.connector.spi.StandardFields;
import io.hearth.connector.spi.WriteResult;
import io.hearth.core.contact.Contact;
import io.hearth.core.dedup.PersonMatchStore;
import io.hearth.core.lead.Lead;
import io.hearth.core.opportunity.DealLinkStore;
import io.hearth.core.opportunity.Opportunity;
import io.hearth.core.opportunity.OpportunityId;
import io.hearth.core.opportunity.OpportunityStore;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.PersonFields;
import io.hearth.core.sync.Connection;
import io.hearth.core.sync.DealSettings;
import io.hearth.core.sync.FieldOwnership;
import io.hearth.core.sync.Rejection;
import io.hearth.core.sync.RetryPolicy;
import io.hearth.core.sync.RunPlan;
import io.hearth.core.sync.SyncCounts;
import io.hearth.core.sync.SyncRun;
import io.hearth.core.sync.WriteBackStore;
import io.hearth.core.sync.WriteBackStore.LinkedPerson;
import io.hearth.core.sync.WriteBackStore.PendingTouch;
import io.hearth.core.touch.Touch;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's write-back: for the people its connector's records are linked to, what Hearth owns
 * ({@link FieldOwnership}) when it changed since the connection last pushed it, then every touch on
 * them the connection has not pushed. What was pushed is recorded in the transaction that stores
 * the push's outcome on the run, so a touch is sent once; a crash between the CRM's answer and that
 * commit sends it again, and the connector's idempotency (its marker on the activity) answers with
 * the activity it created. A person or touch the CRM refuses is a rejection on the run and does
 * not stop the others; a retriable failure is retried with the sync's back-off.
 *
 * <p>A connection that syncs deals ({@code records} with {@code deals}) to a connector that writes
 * them ({@link Capability#WRITE_DEALS}) then writes the deals of those people (the contacts among
 * them, not archived): a deal the connector has no id for is created there with all its values
 * and the deal's contact's id, and its new id linked to it ({@code opportunity_link}); a linked deal
 * is updated with the deal fields Hearth owns, when they differ from what the CRM holds as far as
 * the connection knows ({@code write_back_deal}: what it last pushed, or what its read last found
 * there, see {@link #dealsRead}). The link and the values are recorded with the step's outcome,
 * which counts the deals written and those refused on the run.
 */
public final class WriteBack {
    /** People read and written per step: HubSpot and Pipedrive take 100 per call, Salesforce 200. */
    public static final int PEOPLE_PER_STEP = 100;

    public static final int TOUCHES_PER_STEP = 100;
    private static final Logger log = LoggerFactory.getLogger(WriteBack.class);

    private final WriteBackStore store;
    private final PersonMatchStore people;
    private final OpportunityStore deals;
    private final DealLinkStore dealLinks;
    private final Transactor transactor;
    private final RetryPolicy retry;
    private final Clock clock;

    public WriteBack(
            WriteBackStore store,
            PersonMatchStore people,
            OpportunityStore deals,
            DealLinkStore dealLinks,
            Transactor transactor,
            RetryPolicy retry,
            Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.people = requireNonNull(people, "people is null");
        this.deals = requireNonNull(deals, "deals is null");
        this.dealLinks = requireNonNull(dealLinks, "dealLinks is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
        this.retry = requireNonNull(retry, "retry is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * The write step of one run of {@code connection}.
     *
     * @param config the connector's config, secrets resolved, without Hearth's own keys
     */
    public RunPlan.WriteStep step(
            Connection connection, Connector connector, Map<String, String> config, FieldOwnership ownership) {
        boolean writesDeals = writesDeals(connection, connector);
        return (run, progress) -> {
            Job job = new Job(connection.id(), connector, ownership, progress);
            try (RecordWriter writer = connector.openWriter(config);
                    DealWriter dealWriter = writesDeals ? connector.openDealWriter(config) : null) {
                return job.writeAll(writer, dealWriter, run);
            }
        };
    }

    /**
     * Whether {@code connection}'s write-back writes deals: it writes, syncs deals ({@code records}
     * with {@code deals}) and its connector declares {@link Capability#WRITE_DEALS}. Only then does its
     * read leave the deal fields Hearth owns unapplied.
     */
    public static boolean writesDeals(Connection connection, Connector connector) {
        return connection.fields().direction().writes()
                && connector.capabilities().contains(Capability.WRITE_DEALS)
                && DealSettings.of(connection.fields().config()).deals();
    }

    /**
     * Records, for the connection, what its read found in the CRM of the deal fields Hearth owns, in
     * the transaction storing the batch: the write-back then sends a deal only where Hearth's values
     * differ from the CRM's, so a deal read and not changed in Hearth since is not echoed back, and a
     * change Hearth made that the read did not apply (Hearth owns the field) is still sent.
     */
    public RunPlan.DealsRead dealsRead(Connection connection, Connector connector, FieldOwnership ownership) {
        UUID connectionId = connection.id();
        Set<String> owned = ownership.deals();
        Set<String> kept = connector.dealFieldsHeld();
        return (run, values, at) -> {
            Map<UUID, String> held = new LinkedHashMap<>();
            values.forEach((deal, all) ->
                    held.put(deal, canonical(DealValues.held(kept, DealValues.owned(owned, all)))));
            store.saveDealValues(connectionId, held, run.id(), at.truncatedTo(ChronoUnit.MICROS));
        };
    }

    /** Forgets what a connection pushed; called in the transaction that deletes it. */
    public void forget(UUID connectionId) {
        store.forget(connectionId);
    }

    /**
     * The values of the fields Hearth owns for a person, in {@link FieldOwnership#FIELDS} order and
     * by {@link StandardFields} name; empty values left out. A contact has no temperature or status.
     */
    static Map<String, String> ownedValues(FieldOwnership ownership, PersonFields person, Lead lead) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : ownership.people()) {
            String value = switch (field) {
                case StandardFields.GIVEN_NAME -> person.givenName();
                case StandardFields.FAMILY_NAME -> person.familyName();
                case StandardFields.EMAIL -> person.email();
                case StandardFields.PHONE -> person.phone();
                case StandardFields.COMPANY -> person.company();
                case StandardFields.TITLE -> person.title();
                case StandardFields.TEMPERATURE ->
                    lead == null ? null : lead.fields().temperature().name().toLowerCase(Locale.ROOT);
                case StandardFields.STATUS ->
                    lead == null ? null : lead.fields().status().name();
                default -> throw new IllegalStateException("no value for owned field " + field);
            };
            if (value != null && !value.isBlank()) {
                values.put(field, value);
            }
        }
        return values;
    }

    /** "field=value" lines: what is recorded as pushed, and compared with at the next run. */
    static String canonical(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\").replace("\n", "\\n"))
                .collect(Collectors.joining("\n"));
    }

    /** Hearth's enum name as connectors spell it: {@code VIDEO_CALL} is {@code video-call}. */
    static String word(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** One run's write-back. */
    private final class Job {
        private final UUID connectionId;
        private final Connector connector;
        private final FieldOwnership ownership;
        private final RunPlan.Progress progress;
        private final boolean writesTouches;
        /** The deal fields the CRM holds ({@link Connector#dealFieldsHeld}), asked once a run. */
        private final Set<String> dealFieldsHeld;

        private long peopleWritten;
        private long touchesWritten;
        private long dealsWritten;

        Job(UUID connectionId, Connector connector, FieldOwnership ownership, RunPlan.Progress progress) {
            this.connectionId = connectionId;
            this.connector = connector;
            this.ownership = ownership;
            this.progress = progress;
            this.writesTouches = connector.capabilities().contains(Capability.WRITE_TOUCHES);
            this.dealFieldsHeld = connector.dealFieldsHeld();
        }

        /** @param dealWriter {@code null} when the connection writes no deals */
        SyncRun writeAll(RecordWriter writer, DealWriter dealWriter, SyncRun started) {
            SyncRun run = started;
            UUID after = null;
            while (true) {
                UUID from = after;
                List<LinkedPerson> page =
                        transactor.inTransaction(() -> store.linkedPeople(connector.name(), from, PEOPLE_PER_STEP));
                if (page.isEmpty()) {
                    break;
                }
                Set<UUID> removed = new HashSet<>();
                run = writePeople(writer, run, page, removed);
                List<LinkedPerson> present = page.stream()
                        .filter(p -> !removed.contains(p.person().id()))
                        .toList();
                if (writesTouches) {
                    run = writeTouches(writer, run, present);
                }
                if (dealWriter != null) {
                    run = writeDeals(dealWriter, run, present);
                }
                if (page.size() < PEOPLE_PER_STEP) {
                    break;
                }
                after = page.get(page.size() - 1).person().id();
            }
            log.info(
                    "sync {}: wrote back {} people, {} touches and {} deals to {}",
                    run.name(),
                    peopleWritten,
                    touchesWritten,
                    dealsWritten,
                    connector.name());
            return run;
        }

        /**
         * @param removed gets the people archived because the CRM deleted or merged away their
         *     record: nothing is written to a record that is gone, neither values nor touches
         */
        private SyncRun writePeople(RecordWriter writer, SyncRun run, List<LinkedPerson> page, Set<UUID> removed) {
            Map<UUID, String> values = new HashMap<>();
            List<OutgoingPerson> outgoing = transactor.inTransaction(() -> {
                List<LeadId> leadIds = new ArrayList<>();
                List<ContactId> contactIds = new ArrayList<>();
                for (LinkedPerson linked : page) {
                    if (linked.person().isLead()) {
                        leadIds.add(linked.person().leadId());
                    } else {
                        contactIds.add(linked.person().contactId());
                    }
                }
                Map<UUID, Lead> leads =
                        people.leadsWithIds(leadIds).stream().collect(Collectors.toMap(l -> l.id().value(), l -> l));
                Map<UUID, Contact> contacts = people.contactsWithIds(contactIds).stream()
                        .collect(Collectors.toMap(c -> c.id().value(), c -> c));
                Map<UUID, String> pushed = store.pushedValues(
                        connectionId, page.stream().map(p -> p.person().id()).toList());
                List<OutgoingPerson> changed = new ArrayList<>();
                for (LinkedPerson linked : page) {
                    UUID id = linked.person().id();
                    Lead lead = leads.get(id);
                    Contact contact = contacts.get(id);
                    PersonFields person = lead != null
                            ? lead.fields().person()
                            : contact != null ? contact.fields().person() : null;
                    if (person == null) {
                        continue;
                    }
                    String archiveReason = lead != null ? lead.archiveReason() : contact.archiveReason();
                    if (archiveReason != null) {
                        removed.add(id);
                        continue;
                    }
                    Map<String, String> owned = ownedValues(ownership, person, lead);
                    String text = canonical(owned);
                    if (owned.isEmpty() || text.equals(pushed.get(id))) {
                        continue;
                    }
                    values.put(id, text);
                    changed.add(new OutgoingPerson(linked.person().name(), linked.externalId(), owned));
                }
                return changed;
            });
            if (outgoing.isEmpty()) {
                return run;
            }
            List<WriteResult> results = answered(outgoing, OutgoingPerson::hearthId, () -> writer.write(outgoing));
            Map<UUID, String> written = new HashMap<>();
            List<Rejection> refused = new ArrayList<>();
            for (int i = 0; i < outgoing.size(); i++) {
                OutgoingPerson person = outgoing.get(i);
                UUID id = UUID.fromString(
                        person.hearthId().substring(person.hearthId().indexOf('/') + 1));
                if (results.get(i).ok()) {
                    written.put(id, values.get(id));
                } else {
                    refused.add(new Rejection(
                            "write-back " + person.hearthId(),
                            connector.name() + " refused " + person.hearthId() + ": "
                                    + results.get(i).error(),
                            values.get(id).replace("\n", "; ")));
                }
            }
            peopleWritten += written.size();
            return progress.store(
                    run,
                    SyncCounts.written(written.size(), refused.size(), 0, 0),
                    refused,
                    () -> store.savePushedValues(connectionId, written, run.id(), now()));
        }

        private SyncRun writeTouches(RecordWriter writer, SyncRun started, List<LinkedPerson> page) {
            SyncRun run = started;
            Map<UUID, LinkedPerson> byId = new HashMap<>();
            page.forEach(p -> byId.put(p.person().id(), p));
            UUID after = null;
            while (true) {
                UUID from = after;
                List<PendingTouch> pending = transactor.inTransaction(
                        () -> store.unpushedTouches(connectionId, byId.keySet(), from, TOUCHES_PER_STEP));
                if (pending.isEmpty()) {
                    return run;
                }
                List<OutgoingTouch> outgoing = pending.stream()
                        .map(t -> {
                            LinkedPerson person = byId.get(t.personId());
                            return new OutgoingTouch(
                                    Touch.COLLECTION + t.id(),
                                    person.person().name(),
                                    person.externalId(),
                                    word(t.channel()),
                                    word(t.outcome()),
                                    t.occurredAt(),
                                    t.note());
                        })
                        .toList();
                List<WriteResult> results =
                        answered(outgoing, OutgoingTouch::touchId, () -> writer.writeTouches(outgoing));
                Map<UUID, String> written = new LinkedHashMap<>();
                List<Rejection> refused = new ArrayList<>();
                for (int i = 0; i < outgoing.size(); i++) {
                    OutgoingTouch touch = outgoing.get(i);
                    WriteResult result = results.get(i);
                    if (result.ok()) {
                        written.put(pending.get(i).id(), result.externalId());
                    } else {
                        refused.add(new Rejection(
                                "write-back " + touch.touchId(),
                                connector.name() + " refused " + touch.touchId() + " on " + touch.personHearthId()
                                        + ": " + result.error(),
                                touch.channel() + (touch.outcome() == null ? "" : ", " + touch.outcome()) + " at "
                                        + touch.occurredAt()));
                    }
                }
                touchesWritten += written.size();
                SyncRun current = run;
                run = progress.store(
                        run,
                        SyncCounts.written(0, 0, written.size(), refused.size()),
                        refused,
                        () -> store.markTouchesPushed(connectionId, written, current.id(), now()));
                if (pending.size() < TOUCHES_PER_STEP) {
                    return run;
                }
                after = pending.get(pending.size() - 1).id();
            }
        }

        /**
         * Writes the deals of these people that changed since the CRM last held them (or that it
         * lacks), records what it holds now and links the deals it created, with the step's outcome.
         */
        private SyncRun writeDeals(DealWriter writer, SyncRun run, List<LinkedPerson> page) {
            if (page.isEmpty()) {
                return run;
            }
            Map<UUID, String> values = new HashMap<>();
            List<OutgoingDeal> outgoing = transactor.inTransaction(() -> {
                Map<UUID, LinkedPerson> byContact = new HashMap<>();
                // a converted lead and its contact share the id, so either names the deals' contact
                page.forEach(p -> byContact.put(p.person().id(), p));
                List<Opportunity> found = deals.ofContacts(
                        byContact.keySet().stream().map(ContactId::new).toList());
                List<OpportunityId> ids = found.stream().map(Opportunity::id).toList();
                Map<OpportunityId, String> links = dealLinks.externalIds(connector.name(), ids);
                Map<UUID, String> held = store.pushedDealValues(
                        connectionId, ids.stream().map(OpportunityId::value).toList());
                List<OutgoingDeal> changed = new ArrayList<>();
                for (Opportunity deal : found) {
                    UUID id = deal.id().value();
                    Map<String, String> all = DealValues.of(deal);
                    // compared as the CRM can hold them: a field it has no place for would differ forever
                    Map<String, String> owned =
                            DealValues.held(dealFieldsHeld, DealValues.owned(ownership.deals(), all));
                    String text = canonical(owned);
                    String externalId = links.get(deal.id());
                    Map<String, String> fields;
                    if (externalId == null) {
                        if (held.containsKey(id)) {
                            continue; // written before, to a destination that gave it no id
                        }
                        fields = all; // nothing of the CRM's to overwrite
                    } else if (owned.isEmpty() || text.equals(held.get(id))) {
                        continue;
                    } else {
                        fields = owned;
                    }
                    values.put(id, text);
                    changed.add(new OutgoingDeal(
                            deal.id().name(),
                            externalId,
                            byContact.get(deal.contact().value()).externalId(),
                            fields));
                }
                return changed;
            });
            if (outgoing.isEmpty()) {
                return run;
            }
            List<WriteResult> results = answered(outgoing, OutgoingDeal::hearthId, () -> writer.write(outgoing));
            Map<UUID, String> written = new HashMap<>();
            Map<String, OpportunityId> created = new LinkedHashMap<>();
            List<Rejection> refused = new ArrayList<>();
            for (int i = 0; i < outgoing.size(); i++) {
                OutgoingDeal deal = outgoing.get(i);
                OpportunityId id = OpportunityId.fromName(deal.hearthId(), "hearthId");
                WriteResult result = results.get(i);
                String reason = result.ok() ? null : result.error();
                if (result.ok() && deal.externalId() == null && result.externalId() != null) {
                    String externalId = result.externalId().strip();
                    if (created.containsKey(externalId)) {
                        reason = "answered with deal " + externalId + ", which it gave "
                                + created.get(externalId).name() + " too";
                    } else {
                        created.put(externalId, id);
                    }
                }
                if (reason == null) {
                    written.put(id.value(), values.get(id.value()));
                } else {
                    refused.add(rejection(deal, reason, values.get(id.value())));
                }
            }
            // an id the connector linked to another deal already (another connection of it) is not taken
            Map<String, OpportunityId> linked =
                    transactor.inTransaction(() -> dealLinks.linked(connector.name(), created.keySet()));
            linked.forEach((externalId, other) -> {
                OpportunityId id = created.remove(externalId);
                if (!other.equals(id)) {
                    written.remove(id.value());
                    refused.add(rejection(
                            outgoing.stream()
                                    .filter(d -> d.hearthId().equals(id.name()))
                                    .findFirst()
                                    .orElseThrow(),
                            "answered with deal " + externalId + ", which Hearth links to " + other.name(),
                            values.get(id.value())));
                }
            });
            dealsWritten += written.size();
            return progress.store(run, SyncCounts.dealsWritten(written.size(), refused.size()), refused, () -> {
                store.saveDealValues(connectionId, written, run.id(), now());
                dealLinks.link(connector.name(), created, now());
            });
        }

        private Rejection rejection(OutgoingDeal deal, String reason, String values) {
            return new Rejection(
                    "write-back " + deal.hearthId(),
                    connector.name() + " refused " + deal.hearthId() + ": " + reason,
                    values.replace("\n", "; "));
        }

        /**
         * The writer's results for {@code sent}, retrying what may succeed later (the connector's
         * writes are idempotent, so a retry never doubles what the lost attempt wrote); one result
         * per item, in order, or the run fails.
         */
        private <T> List<WriteResult> answered(
                List<T> sent, Function<T, String> idOf, Supplier<List<WriteResult>> write) {
            List<WriteResult> results = retrying(write);
            if (results.size() != sent.size()) {
                throw new FatalConnectorException(connector.name() + " answered " + results.size() + " results for "
                        + sent.size() + " records written; the connector is broken");
            }
            for (int i = 0; i < sent.size(); i++) {
                if (!results.get(i).hearthId().equals(idOf.apply(sent.get(i)))) {
                    throw new FatalConnectorException(connector.name() + " answered for "
                            + results.get(i).hearthId() + " where " + idOf.apply(sent.get(i))
                            + " was written; the connector is broken");
                }
            }
            return results;
        }

        private <T> T retrying(Supplier<T> call) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return call.get();
                } catch (RetriableConnectorException e) {
                    if (attempt >= retry.maxAttempts()) {
                        throw new FatalConnectorException(connector.name() + " kept failing after " + attempt
                                + " attempts to write back: " + e.getMessage());
                    }
                    log.warn(
                            "write-back to {} failed ({}); retry {} of {}",
                            connector.name(),
                            e.getMessage(),
                            attempt,
                            retry.maxAttempts() - 1);
                    retry.pauseBefore(attempt);
                }
            }
        }
    }

    // databases keep microseconds
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
