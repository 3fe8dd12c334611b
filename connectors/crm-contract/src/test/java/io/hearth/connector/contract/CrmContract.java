package io.hearth.connector.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.Connector;
import io.hearth.core.HearthCore;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.PersonFields;
import io.hearth.core.person.PersonRef;
import io.hearth.core.priority.RuleProbability;
import io.hearth.core.sync.Connection;
import io.hearth.core.sync.ConnectionDirection;
import io.hearth.core.sync.ConnectionFields;
import io.hearth.core.sync.ConnectionSchedule;
import io.hearth.core.sync.ConnectorRegistry;
import io.hearth.core.sync.ImportFolder;
import io.hearth.core.sync.RetryPolicy;
import io.hearth.core.sync.SecretResolver;
import io.hearth.core.sync.SyncListener;
import io.hearth.core.sync.SyncRun;
import io.hearth.core.sync.SyncSettings;
import io.hearth.core.sync.SyncState;
import io.hearth.core.touch.Channel;
import io.hearth.core.touch.Outcome;
import io.hearth.core.touch.TouchInput;
import io.hearth.core.touch.TouchKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every CRM connector does through Hearth's sync, the same cases for each: a connection to the
 * connector's fake CRM on 127.0.0.1 (the documented request and answer shapes), run as the server runs
 * it ({@link HearthCore}'s connections, the sync engine and the write-back), on HSQLDB and PostgreSQL.
 *
 * <ul>
 *   <li>reading twice without changes stores nothing new, write-back and its echo included;
 *   <li>a change in the CRM is picked up by the next incremental run, which reads only it;
 *   <li>a touch logged in Hearth appears in the CRM exactly once, even when the write is retried
 *       because its answer was lost;
 *   <li>a record deleted in the CRM archives its person in Hearth, with the reason;
 *   <li>for a connector that writes deals: a deal opened in Hearth is created in the CRM once, with its
 *       contact, even when the create's answer was lost; read back it changes nothing and is not
 *       written again; a stage moved in Hearth is written to it without blanking what Hearth does not
 *       own; a deal lost in Hearth is lost in the CRM and reads back unchanged, reason included.
 * </ul>
 *
 * A subclass per connector (in the connector's package, to reach its fake) says how to do each thing
 * in its CRM; a subclass of that per database opens the database.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class CrmContract {
    private TestDatabase testDatabase;
    private HearthCore core;
    private Connector connector;

    protected abstract TestDatabase openDatabase();

    /** Starts the fake CRM; called before each test. */
    protected abstract void startCrm();

    protected abstract void stopCrm();

    /** The connector, pointed at the fake through {@link #config} and waiting without sleeping. */
    protected abstract Connector connector();

    /** A connection's config for the fake, secret keys with their values (the contract refers to them). */
    protected abstract Map<String, String> config();

    /** Adds a person to the CRM as a lead (or what the CRM files one as); returns its id in the CRM. */
    protected abstract String addPerson(String givenName, String familyName, String email);

    /** Someone changes the person's family name in the CRM. */
    protected abstract void changeFamilyName(String externalId, String familyName);

    /** Someone deletes the person in the CRM. */
    protected abstract void delete(String externalId);

    /** The next write of touches (activities) is carried out by the CRM, but its answer is lost. */
    protected abstract void loseNextTouchAnswer();

    /** How many activities (engagements, tasks) the CRM holds. */
    protected abstract int activities();

    /**
     * Adds a deal worth 100 EUR in the CRM's stage {@code stage} (as the CRM names it), with the person
     * {@code personExternalId} as its contact; returns its id, or empty for a connector that reads no deals.
     */
    protected java.util.Optional<String> addDeal(String personExternalId, String title, String stage) {
        return java.util.Optional.empty();
    }

    /** Someone marks the deal won in the CRM. */
    protected void winDeal(String externalId) {
        throw new UnsupportedOperationException("this CRM reads no deals");
    }

    /** The CRM's name or id for a stage of its default pipeline that Hearth knows by itself, and one it does not. */
    protected String knownStage() {
        throw new UnsupportedOperationException("this CRM reads no deals");
    }

    protected String unknownStage() {
        throw new UnsupportedOperationException("this CRM reads no deals");
    }

    /**
     * A deal as the CRM holds it: its contact's id, its title, its stage as the CRM names it and its
     * outcome ({@code open}, {@code won} or {@code lost}, however the CRM says it).
     */
    public record CrmDeal(String contactId, String title, String stage, String outcome) {}

    /**
     * Adds a person to the CRM as what a deal can name as its contact (a Salesforce Contact, not a Lead);
     * returns its id. By default {@link #addPerson}.
     */
    protected String addDealContact(String givenName, String familyName, String email) {
        return addPerson(givenName, familyName, email);
    }

    /** Whether the connector writes deals; the deal write-back case runs only then. */
    protected boolean writesDeals() {
        return false;
    }

    /** The deals the CRM holds, by id. */
    protected Map<String, CrmDeal> crmDeals() {
        throw new UnsupportedOperationException("this CRM writes no deals");
    }

    /**
     * The CRM's stage for a Hearth stage key of an open deal, as the connector writes it with its default
     * settings.
     */
    protected String crmStageOf(String hearthStage) {
        throw new UnsupportedOperationException("this CRM writes no deals");
    }

    /** How many requests to create or change deals the CRM has received. */
    protected int dealWrites() {
        throw new UnsupportedOperationException("this CRM writes no deals");
    }

    /** The next deal create is carried out by the CRM, but its answer is lost. */
    protected void loseNextDealCreateAnswer() {
        throw new UnsupportedOperationException("this CRM writes no deals");
    }

    /** Time passes in the CRM before each run, so a run's changes fall into the next run's window. */
    protected void beforeEachRun() {}

    @BeforeEach
    void open() {
        startCrm();
        testDatabase = openDatabase();
        connector = connector();
        Map<String, String> secrets = new HashMap<>();
        config().forEach((key, value) -> secrets.put(secretVariable(key), value));
        core = HearthCore.on(testDatabase.database())
                .clock(Clock.systemUTC())
                .probability(new RuleProbability())
                .connectors(ConnectorRegistry.of(List.of(connector)))
                .syncSettings(new SyncSettings(
                        new ImportFolder(Path.of(System.getProperty("java.io.tmpdir"), "hearth-no-imports")),
                        SyncSettings.DEFAULT_LEASE))
                .secrets(new SecretResolver(secrets::get))
                .retry(new RetryPolicy(4, Duration.ofMillis(1), pause -> {}))
                .build();
    }

    @AfterEach
    void close() {
        try {
            if (testDatabase != null) {
                testDatabase.close();
            }
        } finally {
            stopCrm();
        }
    }

    private static String secretVariable(String key) {
        return "CRM_" + key.toUpperCase(Locale.ROOT);
    }

    private Connection connection(ConnectionDirection direction) {
        return connection(direction, Map.of());
    }

    private Connection connection(ConnectionDirection direction, Map<String, String> settings) {
        Set<String> secretKeys = connector.configKeys().stream()
                .filter(ConfigKey::secret)
                .map(ConfigKey::name)
                .collect(Collectors.toSet());
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        config().forEach((key, value) -> {
            if (secretKeys.contains(key)) {
                secrets.put(key, "env:" + secretVariable(key));
            } else {
                plain.put(key, value);
            }
        });
        plain.putAll(settings);
        return core.connections()
                .create(new ConnectionFields(
                        connector.name() + " " + direction,
                        "connectors/" + connector.name(),
                        plain,
                        secrets,
                        ConnectionSchedule.MANUAL,
                        direction,
                        true));
    }

    private SyncRun run(Connection connection) {
        beforeEachRun();
        SyncRun run = core.connections().run(connection.name(), SyncListener.NONE);
        assertThat(run.state()).as(run.toString()).isEqualTo(SyncState.SUCCEEDED);
        return run;
    }

    private PersonRef person(String externalId) {
        PersonRef person = core.transactor()
                .inTransaction(() -> core.stores().matches().linked(connector.name(), List.of(externalId)))
                .get(externalId);
        assertThat(person).as("the person of record " + externalId).isNotNull();
        return person;
    }

    private PersonFields fields(PersonRef person) {
        return person.isLead()
                ? core.leads().get(person.leadId()).fields().person()
                : core.contacts().get(person.contactId()).fields().person();
    }

    private long version(PersonRef person) {
        return person.isLead()
                ? core.leads().get(person.leadId()).version()
                : core.contacts().get(person.contactId()).version();
    }

    @Test
    void dealsAreReadWithTheirContactsOnceAndAgainAsNoChangeAndAnUnknownStageIsARejection() {
        String ada = addDealContact("Ada", "Lovelace", "ada@example.com");
        java.util.Optional<String> unsupported = addDeal(ada, "Probe", knownStageOrNull());
        org.junit.jupiter.api.Assumptions.assumeTrue(unsupported.isPresent(), connector.name() + " reads no deals");
        Connection connection = connection(ConnectionDirection.READ, Map.of("records", "people,deals"));
        SyncRun first = run(connection);
        // a deal opened in the CRM means its person engaged: the lead converts with the deal
        assertThat(first.counts().rejected()).isZero();
        PersonRef lead = person(ada);
        assertThat(core.leads().get(lead.leadId()).fields().status())
                .isEqualTo(io.hearth.core.lead.LeadStatus.CONVERTED);
        String pilot = addDeal(ada, "Pilot", knownStage()).orElseThrow();
        addDeal(ada, "Mystery", unknownStage()).orElseThrow();

        SyncRun second = run(connection);
        SyncRun third = run(connection);

        assertThat(second.counts().created())
                .as("the pilot (the probe came with the first run)")
                .isEqualTo(1);
        assertThat(second.counts().rejected())
                .as("the deal in a stage Hearth does not know")
                .isEqualTo(1);
        assertThat(core.sync().rejections(second.id(), 10, "").items())
                .extracting(io.hearth.core.sync.Rejection::reason)
                .anySatisfy(reason -> assertThat(reason).contains("stage '" + unknownStage() + "' is not a stage"));
        assertThat(third.counts().created() + third.counts().updated())
                .as("nothing changed")
                .isZero();
        List<io.hearth.core.opportunity.Opportunity> deals =
                core.opportunities().list("", null, null, false, "", 100, "").items();
        assertThat(deals)
                .hasSize(2)
                .allSatisfy(deal -> assertThat(deal.contact())
                        .isEqualTo(core.transactor()
                                .inTransaction(() -> core.stores().contacts().findConvertedFrom(lead.leadId()))
                                .orElseThrow()
                                .id()));

        winDeal(pilot);
        SyncRun fourth = run(connection);

        assertThat(fourth.counts().updated()).isEqualTo(1);
        assertThat(core.opportunities()
                        .list("outcome = won", null, null, false, "", 100, "")
                        .items())
                .singleElement()
                .satisfies(deal -> assertThat(deal.fields().title()).isEqualTo("Pilot"));
    }

    private String knownStageOrNull() {
        try {
            return knownStage();
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    @Test
    void aDealOpenedInHearthIsCreatedInTheCrmOnceReadBackAsNoChangeAndItsMovesWrittenToIt() {
        org.junit.jupiter.api.Assumptions.assumeTrue(writesDeals(), connector.name() + " writes no deals");
        String ada = addDealContact("Ada", "Lovelace", "ada@example.com");
        Connection both = connection(ConnectionDirection.BOTH, Map.of("records", "people,deals"));
        run(both);
        PersonRef lead = person(ada);
        io.hearth.core.contact.Contact contact =
                core.conversion().convert(lead.leadId(), "").contact();
        io.hearth.core.opportunity.Opportunity deal = core.opportunities()
                .create(
                        contact.id().name(),
                        new io.hearth.core.opportunity.OpportunityFields(
                                "200 seats",
                                io.hearth.core.resource.Money.of("EUR", 25_000, 0, "amount"),
                                java.time.LocalDate.parse("2027-03-31"),
                                "alice",
                                null),
                        "proposal",
                        null);
        loseNextDealCreateAnswer();

        SyncRun created = run(both);

        assertThat(created.counts().rejected()).as(created.toString()).isZero();
        assertThat(created.counts().dealsWritten())
                .as("the run counts the deal it created once, its create sent again included")
                .isEqualTo(1);
        assertThat(crmDeals())
                .as("one deal in the CRM for the one deal, though its create was sent again")
                .hasSize(1)
                .containsValue(new CrmDeal(ada, "200 seats", crmStageOf("proposal"), "open"));

        int written = dealWrites();
        SyncRun echo = run(both);
        SyncRun quiet = run(both);

        assertThat(dealWrites())
                .as("neither the echo nor a quiet run writes the deal")
                .isEqualTo(written);
        for (SyncRun again : List.of(echo, quiet)) {
            assertThat(again.counts().created() + again.counts().updated())
                    .as("the deal read back is the deal Hearth opened, unchanged")
                    .isZero();
            assertThat(again.counts().rejected()).isZero();
            assertThat(again.counts().dealsWritten())
                    .as("nothing written, nothing counted")
                    .isZero();
        }
        assertThat(core.opportunities().list("", null, null, false, "", 100, "").items())
                .singleElement()
                .satisfies(d -> assertThat(d.version()).isEqualTo(deal.version()));
        assertThat(crmDeals()).hasSize(1);

        io.hearth.core.opportunity.Opportunity moved = core.opportunities().move(deal.id(), "negotiation", deal.etag());
        SyncRun movedRun = run(both);

        assertThat(movedRun.counts().rejected()).as(movedRun.toString()).isZero();
        assertThat(movedRun.counts().dealsWritten()).isEqualTo(1);
        assertThat(crmDeals())
                .as("the move carries only the fields Hearth owns, and leaves the title as it was")
                .hasSize(1)
                .containsValue(new CrmDeal(ada, "200 seats", crmStageOf("negotiation"), "open"));

        io.hearth.core.opportunity.Opportunity lost = core.opportunities()
                .close(moved.id(), io.hearth.core.opportunity.Outcome.LOST, "went with a competitor", moved.etag());
        SyncRun closed = run(both);
        int closing = dealWrites();
        SyncRun closedEcho = run(both);
        SyncRun closedQuiet = run(both);

        assertThat(dealWrites())
                .as("the lost deal read back (a reason the CRM may not hold included) is not written again")
                .isEqualTo(closing);

        assertThat(crmDeals().values())
                .as("the deal lost in Hearth is lost in the CRM, its title kept")
                .singleElement()
                .satisfies(d -> assertThat(d.outcome()).isEqualTo("lost"))
                .satisfies(d -> assertThat(d.title()).isEqualTo("200 seats"));
        assertThat(closed.counts().dealsWritten()).as(closed.toString()).isEqualTo(1);
        for (SyncRun again : List.of(closedEcho, closedQuiet)) {
            // a reason the CRM cannot hold (Connector#dealFieldsHeld) is no change to write again
            assertThat(again.counts().dealsWritten()).as(again.toString()).isZero();
        }
        for (SyncRun again : List.of(closed, closedEcho, closedQuiet)) {
            assertThat(again.counts().rejected()).as(again.toString()).isZero();
            assertThat(again.counts().dealsFailed()).isZero();
            assertThat(again.counts().updated())
                    .as("the lost deal read back is the deal Hearth closed")
                    .isZero();
        }
        assertThat(core.opportunities().get(deal.id()))
                .satisfies(d -> assertThat(d.version()).isEqualTo(lost.version()))
                .satisfies(d -> assertThat(d.closeReason()).isEqualTo("went with a competitor"));
    }

    @Test
    void readingTwiceWithoutChangesStoresNothingNew() {
        String ada = addPerson("Ada", "Lovelace", "ada@example.com");
        String alan = addPerson("Alan", "Turing", "alan@example.com");
        Connection both = connection(ConnectionDirection.BOTH);

        SyncRun first = run(both);
        long adaVersion = version(person(ada));
        long alanVersion = version(person(alan));
        SyncRun second = run(both);
        SyncRun third = run(both);

        assertThat(first.counts().created()).isEqualTo(2);
        for (SyncRun again : List.of(second, third)) {
            assertThat(again.counts().created()).as("nobody new").isZero();
            assertThat(again.counts().updated())
                    .as("nobody changed, echoes of the write-back included")
                    .isZero();
            assertThat(again.counts().rejected()).isZero();
        }
        assertThat(version(person(ada))).isEqualTo(adaVersion);
        assertThat(version(person(alan))).isEqualTo(alanVersion);
        assertThat(third.counts().peopleWritten())
                .as("nothing Hearth owns changed")
                .isZero();
    }

    @Test
    void aChangeInTheCrmIsPickedUpByTheNextIncrementalRun() {
        String ada = addPerson("Ada", "Lovelace", "ada@example.com");
        addPerson("Alan", "Turing", "alan@example.com");
        Connection read = connection(ConnectionDirection.READ);
        run(read);

        changeFamilyName(ada, "King");
        SyncRun next = run(read);

        assertThat(next.counts().read()).as("only what changed").isEqualTo(1);
        assertThat(next.counts().updated()).isEqualTo(1);
        assertThat(fields(person(ada)).familyName()).isEqualTo("King");
    }

    @Test
    void aTouchLoggedInHearthAppearsInTheCrmExactlyOnceEvenWhenTheWriteIsRetried() {
        String ada = addPerson("Ada", "Lovelace", "ada@example.com");
        Connection both = connection(ConnectionDirection.BOTH);
        run(both);
        PersonRef person = person(ada);
        core.followUps()
                .logTouch(new TouchInput(
                        person,
                        person.isLead() ? TouchKind.COLD_CALL : TouchKind.FOLLOW_UP,
                        Channel.PHONE,
                        null,
                        Duration.ofMinutes(4),
                        Outcome.CONNECTED,
                        "talked about the pilot",
                        "alice"));
        loseNextTouchAnswer();

        SyncRun retried = run(both);
        SyncRun after = run(both);

        assertThat(activities()).as("one activity for the one touch").isEqualTo(1);
        assertThat(retried.counts().touchesWritten()).isEqualTo(1);
        assertThat(after.counts().touchesWritten())
                .as("recorded as written: not sent again")
                .isZero();
        assertThat(activities()).isEqualTo(1);
    }

    @Test
    void aRecordDeletedInTheCrmArchivesItsPersonWithTheReason() {
        String ada = addPerson("Ada", "Lovelace", "ada@example.com");
        String alan = addPerson("Alan", "Turing", "alan@example.com");
        Connection read = connection(ConnectionDirection.READ);
        run(read);

        delete(ada);
        SyncRun deleted = run(read);
        SyncRun again = run(read);

        assertThat(deleted.counts().archived()).isEqualTo(1);
        assertThat(again.counts().archived()).as("archived once").isZero();
        PersonRef gone = person(ada);
        String reason = gone.isLead()
                ? core.leads().get(gone.leadId()).archiveReason()
                : core.contacts().get(gone.contactId()).archiveReason();
        assertThat(reason).isEqualTo("deleted in " + connector.name() + " (record " + ada + ")");
        PersonRef kept = person(alan);
        assertThat(
                        kept.isLead()
                                ? core.leads().get(kept.leadId()).archived()
                                : core.contacts().get(kept.contactId()).archived())
                .isFalse();
    }
}
