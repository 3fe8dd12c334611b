package io.hearth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.OutgoingDeal;
import io.hearth.core.HearthCore;
import io.hearth.core.app.Connections;
import io.hearth.core.app.Opportunities;
import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.opportunity.Opportunity;
import io.hearth.core.opportunity.OpportunityFields;
import io.hearth.core.opportunity.Outcome;
import io.hearth.core.persistence.JooqSyncRunStore;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonRef;
import io.hearth.core.resource.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Deals written back by connections that sync deals, against a CRM in memory: a deal Hearth opened
 * is created in the CRM once (a retried write included) and linked, a deal read from the CRM is not
 * echoed back, a linked deal sends only the fields Hearth owns and only when they changed, the
 * fields Hearth owns are not read from the CRM (and the others are), a refused deal is a rejection
 * while the others are written, each run counts the deals it wrote and had refused, and connections
 * that do not sync deals write none. Run against each database by a subclass.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class DealWriteBackContract {
    private static final LocalDate MARCH = LocalDate.parse("2027-03-31");

    private final TickingClock clock = new TickingClock(Instant.parse("2026-12-06T09:00:00Z"), Duration.ofMillis(1));
    private final MemoryCrm crm = new MemoryCrm("crm");
    private TestDatabase testDatabase;
    private HearthCore core;
    private Connections connections;
    private Opportunities opportunities;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        core = SyncFixtures.core(testDatabase.database(), clock, crm)
                .secrets(new SecretResolver(Map.of("CRM_TOKEN", "t0ken")::get))
                .retry(new RetryPolicy(3, Duration.ofMillis(1), d -> {}))
                .build();
        connections = core.connections();
        opportunities = core.opportunities();
        // contacts in Hearth, whom the CRM's people are matched with by e-mail (a read makes leads)
        contact("Ada", "ada@example.com");
        contact("Grace", "grace@example.com");
        crm.put("c1", "First Name", "Ada", "Email", "ada@example.com");
        crm.put("c2", "First Name", "Grace", "Email", "grace@example.com");
    }

    private Contact contact(String name, String email) {
        return core.contacts()
                .create(ContactFields.builder()
                        .givenName(name)
                        .email(email)
                        .kind(ContactKind.PROSPECT)
                        .owner("alice")
                        .source(LeadSource.REFERRAL)
                        .build());
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    private Connection connection(ConnectionDirection direction, Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(settings);
        return connections.create(new ConnectionFields(
                "CRM " + direction + " " + config.hashCode(),
                "connectors/crm",
                config,
                Map.of("token", "env:CRM_TOKEN"),
                ConnectionSchedule.MANUAL,
                direction,
                true));
    }

    private Connection dealSync(Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(settings);
        config.put("records", "people,deals");
        return connection(ConnectionDirection.BOTH, config);
    }

    private SyncRun run(Connection connection) {
        SyncRun run = connections.run(connection.name(), SyncListener.NONE);
        assertThat(run.state()).as(run.toString()).isEqualTo(SyncState.SUCCEEDED);
        return run;
    }

    private SyncCounts storedCounts(SyncRun run) {
        return core.sync().getRun(run.id()).counts();
    }

    private PersonRef person(String externalId) {
        return core.transactor()
                .inTransaction(() -> core.stores().matches().linked("crm", List.of(externalId)))
                .get(externalId);
    }

    private Opportunity open(String contactExternalId, String title) {
        return opportunities.create(person(contactExternalId).name(), deal(title, 25000), "", null);
    }

    private Opportunity only(String title) {
        return opportunities.list("", null, null, false, "", 1000, "").items().stream()
                .filter(d -> d.fields().title().equals(title))
                .reduce((a, b) -> {
                    throw new AssertionError("two deals named " + title);
                })
                .orElseThrow();
    }

    private List<OutgoingDeal> writesFrom(int from) {
        return crm.dealWrites.subList(from, crm.dealWrites.size());
    }

    private static OpportunityFields deal(String title, long amount) {
        return new OpportunityFields(title, Money.of("EUR", amount, 0, "amount"), MARCH, "alice", null);
    }

    @Test
    void aDealHearthOpenedIsCreatedInTheCrmWithItsContactOnceAndLinked() {
        Connection sync = dealSync(Map.of());
        run(sync);
        Opportunity seats = open("c1", "200 seats");

        SyncRun first = run(sync);

        assertThat(first.counts().rejected()).isZero();
        assertThat(first.counts().dealsWritten()).isEqualTo(1);
        assertThat(first.counts().dealsFailed()).isZero();
        assertThat(storedCounts(first)).as("read back as stored").isEqualTo(first.counts());
        OutgoingDeal created = crm.dealWrites.stream().collect(onlyOne());
        assertThat(created.hearthId()).isEqualTo(seats.id().name());
        assertThat(created.externalId()).isNull();
        assertThat(created.contactExternalId()).isEqualTo("c1");
        assertThat(created.fields())
                .containsEntry(DealFields.TITLE, "200 seats")
                .containsEntry(DealFields.AMOUNT, "25000")
                .containsEntry(DealFields.CURRENCY, "EUR")
                .containsEntry(DealFields.CLOSE_DATE, "2027-03-31")
                .containsEntry(DealFields.STAGE, "qualification")
                .containsEntry(DealFields.OUTCOME, "open")
                .doesNotContainKeys(DealFields.OWNER, DealFields.REASON);
        assertThat(crm.deals).hasSize(1);
        String dealId = crm.deals.keySet().iterator().next();

        // the created deal comes back in the next read: linked, it changes nothing and is not written again
        SyncRun echo = run(sync);
        SyncRun quiet = run(sync);

        assertThat(echo.counts().created())
                .as("no second deal opened in Hearth")
                .isZero();
        assertThat(opportunities.list("", null, null, false, "", 1000, "").items())
                .singleElement()
                .satisfies(d -> assertThat(d.version()).isEqualTo(seats.version()));
        assertThat(crm.dealWrites).as("neither the echo nor a quiet run writes").hasSize(1);
        assertThat(quiet.counts().rejected()).isZero();
        assertThat(List.of(echo, quiet))
                .extracting(r -> r.counts().dealsWritten())
                .containsExactly(0L, 0L);

        // moved in Hearth: written to the deal it made, by its id, with only the stage (Hearth's field)
        Opportunity moved =
                opportunities.move(seats.id(), "proposal", only("200 seats").etag());
        SyncRun updated = run(sync);

        assertThat(storedCounts(updated).dealsWritten()).as("the update counts").isEqualTo(1);

        OutgoingDeal update = writesFrom(1).stream().collect(onlyOne());
        assertThat(update.externalId()).isEqualTo(dealId);
        assertThat(update.contactExternalId()).isEqualTo("c1");
        assertThat(update.fields())
                .containsOnlyKeys(DealFields.STAGE, DealFields.OUTCOME)
                .containsEntry(DealFields.STAGE, "proposal");
        assertThat(crm.deals.get(dealId).fields).containsEntry(DealFields.STAGE, "proposal");
        assertThat(only("200 seats").version()).isEqualTo(moved.version());
    }

    @Test
    void anExportOfDealsToACrmIsRefusedNamingTheConnectionThatWritesThem() {
        run(dealSync(Map.of()));
        open("c1", "200 seats");

        assertThatThrownBy(() -> core.exporter().exportOpportunities("crm", Map.of("path", "/tmp/deals.csv"), ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("connector");
                            assertThat(v.description())
                                    .contains("crm writes no files", "csv or xlsx", "records=people,deals");
                        }));
        assertThat(crm.dealWrites).as("nothing handed to the CRM").isEmpty();
    }

    @Test
    void theOwnerTheCrmGivesADealHearthCreatedDoesNotReplaceHearthsRep() {
        Connection sync = dealSync(Map.of());
        run(sync);
        Opportunity seats = open("c1", "200 seats");
        run(sync);
        String dealId = crm.deals.keySet().iterator().next();
        // the CRM makes the deal its API user's (Pipedrive: the token's user; Salesforce: the integration user)
        crm.putDeal(dealId, DealFields.OWNER, "7");

        SyncRun echo = run(sync);

        assertThat(echo.counts().updated()).as("nothing changed in Hearth").isZero();
        assertThat(only("200 seats"))
                .satisfies(d -> assertThat(d.fields().owner()).isEqualTo("alice"))
                .satisfies(d -> assertThat(d.version()).isEqualTo(seats.version()));

        // a read-only connection reads the CRM's owner, as every deal field
        SyncRun read = run(connection(ConnectionDirection.READ, Map.of("records", "people,deals")));
        assertThat(read.counts().updated()).isEqualTo(1);
        assertThat(only("200 seats").fields().owner()).isEqualTo("7");
    }

    @Test
    void aDealReadFromTheCrmIsNotEchoedBackAndAStageChangedInHearthIs() {
        crm.putDeal(
                "d1",
                DealFields.TITLE,
                "Pilot",
                DealFields.AMOUNT,
                "1000",
                DealFields.CURRENCY,
                "EUR",
                DealFields.STAGE,
                "presentationscheduled",
                DealFields.CLOSE_DATE,
                "2027-03-31T00:00:00Z",
                DealFields.CONTACT_ID,
                "c1");
        Connection sync = dealSync(Map.of());

        SyncRun first = run(sync);
        run(sync);

        assertThat(first.counts().created())
                .as("the people are Hearth's contacts: one deal")
                .isEqualTo(1);
        assertThat(only("Pilot").stage()).isEqualTo("needs_analysis");
        assertThat(crm.dealWrites)
                .as("read from the CRM, unchanged in Hearth: not echoed")
                .isEmpty();

        Opportunity pilot = only("Pilot");
        opportunities.close(pilot.id(), Outcome.LOST, "went with a competitor", pilot.etag());
        run(sync);
        run(sync);

        OutgoingDeal lost = crm.dealWrites.stream().collect(onlyOne());
        assertThat(lost.externalId()).isEqualTo("d1");
        assertThat(lost.fields())
                .containsOnly(
                        Map.entry(DealFields.STAGE, "closed_lost"),
                        Map.entry(DealFields.OUTCOME, "lost"),
                        Map.entry(DealFields.REASON, "went with a competitor"));
    }

    @Test
    void aFieldHearthOwnsIsNotReadButWrittenBackAndOneTheCrmOwnsIsRead() {
        crm.putDeal(
                "d1",
                DealFields.TITLE,
                "Pilot",
                DealFields.AMOUNT,
                "1000",
                DealFields.CURRENCY,
                "EUR",
                DealFields.STAGE,
                "qualification",
                DealFields.CLOSE_DATE,
                "2027-03-31",
                DealFields.CONTACT_ID,
                "c1");
        Connection sync = dealSync(Map.of());
        run(sync);
        // someone in the CRM moves the deal (Hearth owns the stage) and renames it (the CRM owns the title)
        crm.putDeal("d1", DealFields.STAGE, "contractsent", DealFields.TITLE, "Pilot, 3 sites");

        run(sync);

        Opportunity pilot = only("Pilot, 3 sites");
        assertThat(pilot.stage()).as("Hearth's stage is kept").isEqualTo("qualification");
        assertThat(crm.dealWrites)
                .singleElement()
                .satisfies(d -> assertThat(d.fields())
                        .as("Hearth's stage written over the CRM's, the title left alone")
                        .containsOnly(
                                Map.entry(DealFields.STAGE, "qualification"), Map.entry(DealFields.OUTCOME, "open")));
        assertThat(crm.deals.get("d1").fields).containsEntry(DealFields.STAGE, "qualification");

        run(sync);
        assertThat(crm.dealWrites).as("the echo of that write writes nothing").hasSize(1);
    }

    @Test
    void ownershipInTheConfigDecidesWhichDealFieldsAreWrittenAndRead() {
        crm.putDeal(
                "d1",
                DealFields.TITLE,
                "Pilot",
                DealFields.AMOUNT,
                "1000",
                DealFields.CURRENCY,
                "EUR",
                DealFields.STAGE,
                "qualification",
                DealFields.CLOSE_DATE,
                "2027-03-31",
                DealFields.CONTACT_ID,
                "c1");
        Connection sync = dealSync(Map.of("own.deal_stage", "crm", "own.deal_amount", "hearth"));
        run(sync);
        crm.putDeal("d1", DealFields.STAGE, "contractsent", DealFields.AMOUNT, "5");
        Opportunity pilot = only("Pilot");
        opportunities.update(pilot.id().name(), deal("Pilot", 1500), List.of("amount"), Set.of(), pilot.etag());

        run(sync);

        assertThat(only("Pilot").stage()).as("the CRM owns the stage: read").isEqualTo("negotiation");
        assertThat(only("Pilot").fields().amount().amount())
                .as("Hearth owns the amount: not read")
                .isEqualByComparingTo("1500");
        assertThat(crm.dealWrites)
                .singleElement()
                .satisfies(d -> assertThat(d.fields())
                        .containsOnly(Map.entry(DealFields.AMOUNT, "1500"), Map.entry(DealFields.CURRENCY, "EUR")));
    }

    @Test
    void aRefusedDealIsARejectionTheOthersAreWrittenAndItIsTriedAgain() {
        Connection sync = dealSync(Map.of());
        run(sync);
        Opportunity ada = open("c1", "Ada's");
        Opportunity grace = open("c2", "Grace's");
        crm.dealsRefused.add("c2");

        SyncRun refused = run(sync);

        assertThat(refused.counts().rejected()).isEqualTo(1);
        assertThat(storedCounts(refused))
                .as("read back as stored")
                .isEqualTo(refused.counts())
                .satisfies(c -> {
                    assertThat(c.dealsWritten()).as("Ada's").isEqualTo(1);
                    assertThat(c.dealsFailed()).as("Grace's").isEqualTo(1);
                });
        Rejection rejection =
                core.sync().rejections(refused.id(), 10, "").items().get(0);
        assertThat(rejection.position()).isEqualTo("write-back " + grace.id().name());
        assertThat(rejection.reason()).contains(grace.id().name()).contains("INVALID_OPTION: the stage is locked");
        assertThat(crm.deals.values())
                .singleElement()
                .satisfies(d -> assertThat(d.fields)
                        .containsEntry(MemoryCrm.HEARTH_ID, ada.id().name()));

        crm.dealsRefused.clear();
        int before = crm.dealWrites.size();
        SyncRun again = run(sync);

        assertThat(again.counts().rejected()).isZero();
        assertThat(again.counts().dealsWritten()).isEqualTo(1);
        assertThat(again.counts().dealsFailed()).isZero();
        assertThat(new JooqSyncRunStore(testDatabase.database().dsl()).totals())
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.records().dealsWritten())
                            .as("summed over the runs")
                            .isEqualTo(2);
                    assertThat(t.records().dealsFailed()).isEqualTo(1);
                });
        assertThat(writesFrom(before))
                .extracting(OutgoingDeal::hearthId)
                .containsExactly(grace.id().name());
        assertThat(crm.deals).hasSize(2);
    }

    @Test
    void aRetriedWriteCreatesTheDealOnceAndLinksIt() {
        Connection sync = dealSync(Map.of());
        run(sync);
        Opportunity seats = open("c1", "200 seats");
        crm.failNextDealWrite(MemoryCrm.timeout());
        crm.loseNextDealAnswer(MemoryCrm.timeout());

        SyncRun retried = run(sync);
        run(sync);

        assertThat(retried.counts().rejected()).isZero();
        assertThat(retried.counts().dealsWritten())
                .as("written once, however often tried")
                .isEqualTo(1);
        assertThat(crm.dealWrites)
                .as("refused once, answer lost once, answered the third time; then linked, unchanged")
                .hasSize(2)
                .extracting(OutgoingDeal::hearthId)
                .containsOnly(seats.id().name());
        assertThat(crm.deals).hasSize(1);
        assertThat(opportunities.list("", null, null, false, "", 1000, "").items())
                .as("the CRM's deal, read back, is the deal Hearth opened")
                .singleElement()
                .extracting(Opportunity::id)
                .isEqualTo(seats.id());
    }

    @Test
    void connectionsThatDoNotSyncDealsWriteNoneAndAReadOnlyOneReadsEveryDealField() {
        crm.putDeal(
                "d1",
                DealFields.TITLE,
                "Pilot",
                DealFields.AMOUNT,
                "1000",
                DealFields.CURRENCY,
                "EUR",
                DealFields.STAGE,
                "qualification",
                DealFields.CLOSE_DATE,
                "2027-03-31",
                DealFields.CONTACT_ID,
                "c1");
        Connection reader = connection(ConnectionDirection.READ, Map.of("records", "people,deals"));
        run(reader);
        open("c2", "Grace's");
        crm.putDeal("d1", DealFields.STAGE, "contractsent");

        run(reader);
        run(connection(ConnectionDirection.BOTH, Map.of()));

        assertThat(only("Pilot").stage())
                .as("a connection that writes no deals reads the stage whoever would own it")
                .isEqualTo("negotiation");
        assertThat(crm.dealWrites)
                .as("Grace's deal, opened in Hearth, is not created")
                .isEmpty();
    }

    @Test
    void aDealOfAPersonTheCrmDoesNotHaveIsNotWritten() {
        Connection sync = dealSync(Map.of());
        run(sync);
        Contact typed = contact("Typed", "typed@example.com");
        opportunities.create(typed.id().name(), deal("Typed in", 10), "", null);

        run(sync);

        assertThat(crm.dealWrites).isEmpty();
    }

    private static <T> Collector<T, ?, T> onlyOne() {
        return Collectors.collectingAndThen(Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.get(0);
        });
    }
}
