package io.hearth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.spi.OutgoingPerson;
import io.hearth.connector.spi.OutgoingTouch;
import io.hearth.core.HearthCore;
import io.hearth.core.app.Connections;
import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadField;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.PersonField;
import io.hearth.core.person.PersonRef;
import io.hearth.core.touch.Channel;
import io.hearth.core.touch.Outcome;
import io.hearth.core.touch.TouchInput;
import io.hearth.core.touch.TouchKind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Write-back runs of connections against a CRM in memory: touches pushed exactly once (across runs,
 * a retried write, a crash between the CRM and the commit), people written only when what Hearth
 * owns changed, no write caused by an echo, fields the CRM owns never sent nor the ones Hearth owns
 * read, and a refused person reported on the run while the others are written. Run against each
 * database by a subclass.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class WriteBackContract {
    private final TickingClock clock = new TickingClock(Instant.parse("2026-11-02T09:00:00Z"), Duration.ofMillis(1));
    private final MemoryCrm crm = new MemoryCrm("crm");
    private TestDatabase testDatabase;
    private HearthCore core;
    private Connections connections;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        core = SyncFixtures.core(testDatabase.database(), clock, crm)
                .secrets(new SecretResolver(Map.of("CRM_TOKEN", "t0ken")::get))
                .retry(new RetryPolicy(3, Duration.ofMillis(1), d -> {}))
                .build();
        connections = core.connections();
        crm.put("c1", "First Name", "Ada", "Last Name", "Lovelace", "Email", "ada@example.com", "Title", "Countess");
        crm.put("c2", "First Name", "Alan", "Last Name", "Turing", "Email", "alan@example.com");
        crm.put("c3", "First Name", "Grace", "Last Name", "Hopper", "Email", "grace@example.com");
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    private Connection connection(ConnectionDirection direction, Map<String, String> config) {
        return connections.create(new ConnectionFields(
                "CRM " + direction,
                "connectors/crm",
                config,
                Map.of("token", "env:CRM_TOKEN"),
                ConnectionSchedule.MANUAL,
                direction,
                true));
    }

    private SyncRun run(Connection connection) {
        return connections.run(connection.name(), SyncListener.NONE);
    }

    private PersonRef person(String externalId) {
        return core.transactor()
                .inTransaction(() -> core.stores().matches().linked("crm", List.of(externalId)))
                .get(externalId);
    }

    private void logCall(String externalId, String note) {
        core.followUps()
                .logTouch(new TouchInput(
                        person(externalId),
                        TouchKind.COLD_CALL,
                        Channel.PHONE,
                        null,
                        Duration.ofMinutes(3),
                        Outcome.LEFT_VOICEMAIL,
                        note,
                        "alice"));
    }

    private List<String> written(int fromWrite) {
        return crm.personWrites.subList(fromWrite, crm.personWrites.size()).stream()
                .map(OutgoingPerson::externalId)
                .toList();
    }

    @Test
    void aBothRunReadsThenWritesWhatHearthOwnsForEveryLinkedPerson() {
        Connection both = connection(ConnectionDirection.BOTH, Map.of());

        SyncRun first = run(both);

        assertThat(first.state()).as(first.toString()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(first.counts().created()).isEqualTo(3);
        assertThat(written(0)).containsExactlyInAnyOrder("c1", "c2", "c3");
        assertThat(first.counts().peopleWritten()).isEqualTo(3);
        assertThat(first.counts().peopleFailed()).isZero();
        assertThat(first.counts().touchesWritten()).isZero();
        assertThat(core.sync().getRun(first.id()).counts()).as("as stored").isEqualTo(first.counts());
        OutgoingPerson ada = crm.personWrites.stream()
                .filter(p -> p.externalId().equals("c1"))
                .findFirst()
                .orElseThrow();
        Lead lead = core.leads().get(person("c1").leadId());
        assertThat(ada.hearthId()).isEqualTo(lead.id().name());
        assertThat(ada.fields())
                .containsExactly(
                        Map.entry(
                                "temperature",
                                lead.fields().temperature().name().toLowerCase()),
                        Map.entry("status", "NEW"));
    }

    @Test
    void aTouchIsPushedOnceAcrossRuns() {
        Connection both = connection(ConnectionDirection.BOTH, Map.of());
        run(both);
        logCall("c1", "left a message about the webinar");

        SyncRun second = run(both);
        SyncRun third = run(both);

        assertThat(second.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(third.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(crm.touchesSent).hasSize(1);
        assertThat(second.counts().touchesWritten()).isEqualTo(1);
        assertThat(third.counts().touchesWritten()).as("pushed already").isZero();
        assertThat(core.sync().getRun(second.id()).counts().touchesWritten()).isEqualTo(1);
        OutgoingTouch call = crm.touchesSent.get(0);
        assertThat(call.personExternalId()).isEqualTo("c1");
        assertThat(call.personHearthId()).isEqualTo(person("c1").name());
        assertThat(call.channel()).isEqualTo("phone");
        assertThat(call.outcome()).isEqualTo("left-voicemail");
        assertThat(call.note()).isEqualTo("left a message about the webinar");
        assertThat(crm.activities).hasSize(1);
    }

    @Test
    void aWriteRetriedAfterItsAnswerWasLostMakesTheActivityOnce() {
        Connection both = connection(ConnectionDirection.BOTH, Map.of());
        run(both);
        logCall("c1", "first");
        logCall("c2", "second");
        crm.loseNextTouchAnswer(MemoryCrm.timeout());

        SyncRun retried = run(both);
        SyncRun again = run(both);

        assertThat(retried.state()).as(retried.toString()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(crm.touchesSent).as("sent twice: the retry").hasSize(4);
        assertThat(crm.activities).hasSize(2);
        assertThat(again.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(crm.touchesSent).as("recorded as pushed: not sent again").hasSize(4);
    }

    @Test
    void aCrashBetweenTheCrmAndTheCommitSendsTheTouchAgainAndTheCrmKeepsOne() {
        Connection both = connection(ConnectionDirection.BOTH, Map.of());
        run(both);
        logCall("c1", "once");
        crm.loseNextTouchAnswer(new IllegalStateException("the server died here"));

        assertThatThrownBy(() -> run(both)).hasMessageContaining("the server died here");
        SyncRun next = run(both);
        SyncRun last = run(both);

        assertThat(next.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(last.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(crm.touchesSent)
                .as("nothing recorded by the crashed run: sent again once")
                .hasSize(2);
        assertThat(crm.activities).hasSize(1);
    }

    @Test
    void anUnchangedPersonIsNotWrittenAgainAndAChangedOneIs() {
        Connection both = connection(ConnectionDirection.BOTH, Map.of());
        run(both);
        int afterFirst = crm.personWrites.size();

        run(both);
        assertThat(written(afterFirst)).as("nothing Hearth owns changed").isEmpty();

        Lead alan = core.leads().get(person("c2").leadId());
        core.leads()
                .update(
                        alan.id(),
                        LeadFields.builder().status(LeadStatus.QUALIFIED).build(),
                        Set.of(LeadField.STATUS),
                        alan.etag());
        run(both);

        assertThat(written(afterFirst)).containsExactly("c2");
        assertThat(crm.personWrites.get(crm.personWrites.size() - 1).fields()).containsEntry("status", "QUALIFIED");
    }

    @Test
    void anEchoOfHearthsWriteChangesNothingAndCausesNoWrite() {
        Connection both = connection(ConnectionDirection.BOTH, Map.of());
        run(both);
        int afterFirst = crm.personWrites.size();
        // the CRM holds what Hearth wrote (its records changed, so the next read returns them all),
        // and someone in the CRM changed a title, which the CRM owns
        assertThat(crm.records.get("c1").fields).containsEntry("status", "NEW");
        crm.put("c1", "Title", "Analyst");

        SyncRun echo = run(both);

        assertThat(echo.counts().read()).as("everyone came back").isEqualTo(3);
        assertThat(echo.counts().updated()).as("only the title changed").isEqualTo(1);
        assertThat(core.leads().get(person("c1").leadId()).fields().title()).isEqualTo("Analyst");
        assertThat(written(afterFirst)).as("no write caused by the echo").isEmpty();
    }

    @Test
    void aValueTheCrmChangedInAFieldHearthOwnsIsNotReadNorIsAnyCrmOwnedFieldSent() {
        Connection both = connection(ConnectionDirection.BOTH, Map.of());
        run(both);
        crm.put("c1", "status", "UNQUALIFIED");

        run(both);

        assertThat(core.leads().get(person("c1").leadId()).fields().status()).isEqualTo(LeadStatus.NEW);
        assertThat(crm.personWrites)
                .allSatisfy(p -> assertThat(p.fields().keySet()).isSubsetOf("temperature", "status"));
    }

    @Test
    void ownershipSetInTheConfigDecidesWhatIsWrittenAndWhatIsRead() {
        Connection both = connection(ConnectionDirection.BOTH, Map.of("own.title", "hearth", "own.status", "crm"));
        crm.put("c2", "status", "QUALIFIED");

        run(both);

        assertThat(core.leads().get(person("c2").leadId()).fields().status())
                .as("the CRM owns the status: read")
                .isEqualTo(LeadStatus.QUALIFIED);
        Lead ada = core.leads().get(person("c1").leadId());
        assertThat(ada.fields().title())
                .as("Hearth owns the title: the CRM's is not read")
                .isNull();
        core.leads()
                .update(
                        ada.id(),
                        LeadFields.builder().title("Mathematician").build(),
                        Set.of(PersonField.TITLE),
                        ada.etag());
        int afterFirst = crm.personWrites.size();

        run(both);

        assertThat(written(afterFirst)).containsExactly("c1");
        OutgoingPerson written = crm.personWrites.get(crm.personWrites.size() - 1);
        assertThat(written.fields()).containsOnlyKeys("title", "temperature");
        assertThat(written.fields()).containsEntry("title", "Mathematician");
        assertThat(crm.personWrites).allSatisfy(p -> assertThat(p.fields()).doesNotContainKey("status"));
    }

    @Test
    void aRefusedPersonIsReportedOnTheRunAndTheOthersAreWritten() {
        crm.refused.add("c2");
        Connection both = connection(ConnectionDirection.BOTH, Map.of());

        SyncRun run = run(both);

        assertThat(run.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(run.counts().rejected()).isEqualTo(1);
        assertThat(run.counts().peopleFailed()).isEqualTo(1);
        assertThat(run.counts().peopleWritten()).isEqualTo(2);
        assertThat(core.sync().getRun(run.id()).counts().peopleFailed()).isEqualTo(1);
        List<Rejection> rejections = core.sync().rejections(run.id(), 10, "").items();
        assertThat(rejections).hasSize(1);
        String alan = person("c2").name();
        assertThat(rejections.get(0).position()).isEqualTo("write-back " + alan);
        assertThat(rejections.get(0).reason()).contains(alan).contains("VALIDATION_ERROR: not allowed");
        assertThat(crm.records.get("c1").fields).containsKey("temperature");
        assertThat(crm.records.get("c3").fields).containsKey("temperature");

        int afterFirst = crm.personWrites.size();
        crm.refused.clear();
        run(both);
        assertThat(written(afterFirst))
                .as("the refused one is tried again, alone")
                .containsExactly("c2");
    }

    @Test
    void aRefusedTouchIsReportedOnTheRunTheOthersArePushedAndItIsTriedAgain() {
        Connection both = connection(ConnectionDirection.BOTH, Map.of());
        run(both);
        logCall("c1", "to Ada");
        logCall("c2", "to Alan");
        crm.touchesRefused.add("c2");

        SyncRun run = run(both);

        assertThat(run.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(run.counts().rejected()).isEqualTo(1);
        assertThat(run.counts().touchesFailed()).isEqualTo(1);
        assertThat(run.counts().touchesWritten()).isEqualTo(1);
        assertThat(run.counts().peopleFailed()).isZero();
        Rejection rejection = core.sync().rejections(run.id(), 10, "").items().get(0);
        assertThat(rejection.position()).startsWith("write-back touches/");
        assertThat(rejection.reason()).contains(person("c2").name()).contains("INVALID_ASSOCIATION");
        assertThat(crm.activities).hasSize(1);

        crm.touchesRefused.clear();
        run(both);
        run(both);
        assertThat(crm.activities).hasSize(2);
        assertThat(crm.touchesSent)
                .extracting(OutgoingTouch::personExternalId)
                .containsExactlyInAnyOrder("c1", "c2", "c2");
    }

    @Test
    void aWriteOnlyConnectionWritesThePeopleItsConnectorLinkedWithoutReading() {
        run(connection(ConnectionDirection.READ, Map.of()));
        assertThat(crm.personWrites).as("a read connection writes nothing").isEmpty();
        logCall("c3", "hello");
        crm.put("c1", "Title", "changed in the CRM");

        SyncRun write = run(connection(ConnectionDirection.WRITE, Map.of()));

        assertThat(write.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(write.counts().read()).isZero();
        assertThat(core.leads().get(person("c1").leadId()).fields().title()).isEqualTo("Countess");
        assertThat(written(0)).containsExactlyInAnyOrder("c1", "c2", "c3");
        assertThat(crm.touchesSent).extracting(OutgoingTouch::personExternalId).containsExactly("c3");
    }

    @Test
    void ownershipKeysAreCheckedNamingTheKey() {
        Map<String, String> bad = new HashMap<>();
        bad.put("own.favourite_color", "hearth");
        bad.put("own.status", "maybe");

        assertThatThrownBy(() -> connection(ConnectionDirection.BOTH, bad))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations().stream()
                                        .collect(Collectors.toMap(FieldViolation::field, FieldViolation::description)))
                                .hasSize(2)
                                .hasEntrySatisfying(
                                        "connection.config.own.favourite_color",
                                        d -> assertThat(d).contains("given_name"))
                                .hasEntrySatisfying(
                                        "connection.config.own.status",
                                        d -> assertThat(d).contains("hearth or crm")));
    }
}
