package io.hearth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.connector.spi.SourceRecord;
import io.hearth.core.app.AuditLog;
import io.hearth.core.app.Contacts;
import io.hearth.core.app.LeadQualifications;
import io.hearth.core.app.LeadRatings;
import io.hearth.core.app.Leads;
import io.hearth.core.app.SyncEngine;
import io.hearth.core.app.Transactor;
import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.auth.TeamRoster;
import io.hearth.core.contact.ContactRules;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFixtures;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqContactStore;
import io.hearth.core.persistence.JooqLeadProfileStore;
import io.hearth.core.persistence.JooqLeadStore;
import io.hearth.core.persistence.JooqMissedDeadlineStore;
import io.hearth.core.persistence.JooqPersonMatchStore;
import io.hearth.core.persistence.JooqQueueStore;
import io.hearth.core.persistence.JooqSyncRunStore;
import io.hearth.core.persistence.JooqTransactor;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.PhoneNumbers;
import io.hearth.core.priority.Answer;
import io.hearth.core.priority.Bant;
import io.hearth.core.priority.LeadProfile;
import io.hearth.core.priority.Qualification;
import io.hearth.core.priority.QualificationField;
import io.hearth.core.priority.ReferralKind;
import io.hearth.core.priority.RuleProbability;
import io.hearth.core.priority.SpeedToLeadPolicy;
import io.hearth.core.priority.TemperatureModel;
import io.hearth.core.priority.TemperaturePolicy;
import io.hearth.core.queue.CadenceStanding;
import io.hearth.core.queue.Lane;
import io.hearth.core.queue.QueueEntry;
import io.hearth.core.queue.QueueStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Leads a sync writes are rated and queued in batches (one statement per table), and must come out
 * exactly as if each had been rated on its own. Run against each database by a subclass.
 */
public abstract class SyncedRatingsContract {
    private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");
    private final TickingClock clock = new TickingClock(START, Duration.ofMillis(1));
    private final Set<LeadId> inDrip = new HashSet<>();
    private TestDatabase testDatabase;
    protected Database database;
    private LeadRatings ratings;
    private QueueStore queue;
    private JooqLeadProfileStore profiles;
    private Leads leads;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        database = testDatabase.database();
        Transactor transactor = new JooqTransactor(database.dsl());
        queue = new JooqQueueStore(database.dsl());
        profiles = new JooqLeadProfileStore(database.dsl());
        ratings = new LeadRatings(
                new JooqLeadStore(database.dsl()),
                profiles,
                new JooqMissedDeadlineStore(database.dsl()),
                queue,
                transactor,
                new TemperatureModel(TemperaturePolicy.DEFAULT, new RuleProbability(), clock),
                SpeedToLeadPolicy.DEFAULT,
                clock,
                id -> inDrip.contains(id) ? new CadenceStanding(true, null) : CadenceStanding.NONE,
                CurrentCaller.NONE);
        leads = LeadFixtures.leads(database, clock);
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    private SyncRun sync(ListConnector connector) {
        Transactor transactor = new JooqTransactor(database.dsl());
        Leads syncedLeads = new Leads(
                new JooqLeadStore(database.dsl()),
                transactor,
                LeadFixtures.rules(),
                clock,
                LeadFixtures.duplicateGuard(database),
                List.of(ratings),
                CurrentCaller.NONE,
                AuditLog.disabled(),
                TeamRoster.NONE);
        Contacts contacts = new Contacts(
                new JooqContactStore(database.dsl()),
                transactor,
                new ContactRules(new PhoneNumbers("US")),
                clock,
                LeadFixtures.duplicateGuard(database),
                List.of(),
                CurrentCaller.NONE,
                AuditLog.disabled(),
                TeamRoster.NONE);
        SyncEngine engine = new SyncEngine(
                ConnectorRegistry.of(List.of(connector)),
                new JooqSyncRunStore(database.dsl()),
                new JooqPersonMatchStore(database.dsl()),
                syncedLeads,
                contacts,
                SyncFixtures.removals(database, syncedLeads, contacts, clock),
                SyncFixtures.deals(database, syncedLeads, clock),
                LeadFixtures.rules(),
                new ContactRules(new PhoneNumbers("US")),
                transactor,
                clock,
                RetryPolicy.DEFAULT,
                SyncFixtures.settings(),
                CurrentCaller.NONE,
                TeamRoster.NONE,
                AuditLog.disabled());
        return engine.run(SyncRequest.of(connector.name(), Map.of()), SyncListener.NONE);
    }

    private static SourceRecord record(String id, Instant modifiedAt, String name, String source, String title) {
        return new SourceRecord(
                id,
                modifiedAt,
                Map.of("Full Name", name, "Email", id + "@example.com", "Lead Source", source, "Title", title),
                "row " + id);
    }

    private Map<String, Lead> byEmail() {
        return leads.list("", "", true, 1000, "").items().stream()
                .collect(Collectors.toMap(l -> l.fields().email().replace("@example.com", ""), Function.identity()));
    }

    private Optional<QueueEntry> entry(Lead lead) {
        return queue.find(lead.id().value());
    }

    @Test
    void aSyncedBatchIsRatedAndQueuedAsIfEachLeadWereRatedAlone() {
        ListConnector crm = new ListConnector("crm", 3)
                .add(record("fresh", START.minus(Duration.ofMinutes(1)), "Fresh Inquiry", "Web", "CTO"))
                .add(record("stale", START.minus(Duration.ofDays(2)), "Old Inquiry", "Web", "CTO"))
                .add(record("sheet", null, "Spreadsheet Row", "Web", "CTO"))
                .add(record("referral", null, "Friend Of", "Referral", "CFO"))
                .add(record("list", null, "Bought Name", "Purchased List", "Buyer"))
                .add(record("show", null, "Met At", "Trade Show", "Buyer"))
                .add(record("other", null, "Some One", "", "Buyer"));

        sync(crm);

        Map<String, Lead> synced = byEmail();
        assertThat(synced).hasSize(7);
        Map<String, QueueEntry> batchEntries = synced.entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, e -> entry(e.getValue()).orElseThrow()));
        Map<String, LeadProfile> batchProfiles = synced.entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, e -> profiles.find(e.getValue().id()).orElseThrow()));
        assertThat(batchEntries.get("fresh").lane())
                .as("a fresh inquiry from the source's clock is answered in minutes")
                .isEqualTo(Lane.SPEED_TO_LEAD);
        assertThat(batchEntries.get("fresh").deadline()).isEqualTo(START.plus(Duration.ofMinutes(4)));
        assertThat(batchProfiles.get("stale").responseDeadline())
                .as("a deadline long gone is no deadline")
                .isNull();
        assertThat(batchProfiles.get("sheet").responseDeadline())
                .as("a spreadsheet row says nothing of when")
                .isNull();
        assertThat(batchEntries.values()).extracting(QueueEntry::lane).contains(Lane.COOL, Lane.COLD);

        for (Lead lead : synced.values()) {
            ratings.refresh(lead.id());
        }

        synced.forEach((key, lead) -> {
            QueueEntry alone = entry(lead).orElseThrow();
            QueueEntry batched = batchEntries.get(key);
            assertThat(Arrays.asList(
                            batched.lane(),
                            batched.rank(),
                            batched.deadline(),
                            batched.action(),
                            batched.channel(),
                            batched.reasons(),
                            batched.owner(),
                            batched.displayName()))
                    .as(key)
                    .isEqualTo(Arrays.asList(
                            alone.lane(),
                            alone.rank(),
                            alone.deadline(),
                            alone.action(),
                            alone.channel(),
                            alone.reasons(),
                            alone.owner(),
                            alone.displayName()));
            LeadProfile single = profiles.find(lead.id()).orElseThrow();
            assertThat(batchProfiles.get(key).rating()).as(key).isEqualTo(single.rating());
            assertThat(single.version())
                    .as(key + ": stored once in the batch, once alone")
                    .isEqualTo(2);
            assertThat(lead.fields().temperature())
                    .as(key + ": the lead carries its grade")
                    .isEqualTo(single.temperature());
        });
    }

    @Test
    void aResyncKeepsWhatRepsLearnedAndDripKeepsLeadsOutOfTheQueue() {
        sync(new ListConnector("crm", 10)
                .add(record("ada", null, "Ada Lovelace", "Trade Show", "CTO"))
                .add(record("alan", null, "Alan Turing", "Trade Show", "CTO")));
        Map<String, Lead> first = byEmail();
        Bant yes = new Bant(Answer.YES, Answer.YES, Answer.YES, Answer.YES);
        new LeadQualifications(ratings)
                .qualify(
                        first.get("ada").id(),
                        new Qualification(
                                LocalDate.parse("2026-11-30"), null, ReferralKind.NONE, yes, "budget signed off", 0),
                        EnumSet.allOf(QualificationField.class),
                        null);
        Lane qualifiedLane = entry(first.get("ada")).orElseThrow().lane();
        inDrip.add(first.get("alan").id());

        sync(new ListConnector("crm", 10)
                .add(record("ada", null, "Ada Lovelace", "Trade Show", "Chief Technology Officer"))
                .add(record("alan", null, "Alan Turing", "Trade Show", "Chief Scientist")));

        Map<String, Lead> second = byEmail();
        assertThat(second.get("ada").fields().title()).isEqualTo("Chief Technology Officer");
        LeadProfile ada = profiles.find(second.get("ada").id()).orElseThrow();
        assertThat(ada.qualification().bant()).isEqualTo(yes);
        assertThat(ada.qualification().note()).isEqualTo("budget signed off");
        assertThat(entry(second.get("ada")).orElseThrow().lane())
                .isEqualTo(qualifiedLane)
                .isIn(Lane.HOT, Lane.SIZZLING);
        assertThat(entry(second.get("alan")))
                .as("in drip: nurtured, not worked by hand")
                .isEmpty();
        assertThat(profiles.find(second.get("alan").id())).isPresent();
    }
}
