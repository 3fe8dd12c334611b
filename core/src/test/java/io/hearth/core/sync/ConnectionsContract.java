package io.hearth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.ConfigProblem;
import io.hearth.core.HearthCore;
import io.hearth.core.app.Connections;
import io.hearth.core.error.AlreadyExistsException;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.error.StaleEtagException;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.query.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored connections: their CRUD with etags and pages, the rules on their settings (secrets only
 * as references, never echoed), secrets resolved at run time, runs that resume from the
 * connection's cursor and never overlap. Run against each database by a subclass.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class ConnectionsContract {
    private static final String SECRET = "s3cr3t-token-value";

    private final TickingClock clock = new TickingClock(Instant.parse("2026-11-02T09:00:00Z"), Duration.ofMillis(1));
    private final Map<String, String> environment = new HashMap<>(Map.of("CRM_TOKEN", SECRET));
    private TestDatabase testDatabase;
    private Database database;
    private Connections connections;

    @TempDir
    Path dir;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        database = testDatabase.database();
        connections = core(database, people(30, 10)).connections();
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    private HearthCore core(Database on, ListConnector connector) {
        return SyncFixtures.core(on, clock, connector)
                .secrets(new SecretResolver(environment::get))
                .retry(new RetryPolicy(3, Duration.ofMillis(1), d -> {}))
                .build();
    }

    /**
     * A CRM in memory, read incrementally (it keeps its cursor after a complete read), whose
     * connection check accepts only {@link #SECRET} as the token.
     */
    private static ListConnector people(int count, int batchSize) {
        ListConnector connector = new ListConnector("crm", batchSize) {
            @Override
            public Set<Capability> capabilities() {
                return Set.of(Capability.READ, Capability.INCREMENTAL);
            }

            @Override
            public List<ConfigProblem> checkConnection(Map<String, String> config) {
                return SECRET.equals(config.get("token"))
                        ? List.of()
                        : List.of(new ConfigProblem("token", "the CRM refused the token"));
            }
        };
        for (int i = 0; i < count; i++) {
            connector.add(
                    "id-" + i,
                    Map.of("First Name", "Given" + i, "Last Name", "Family" + i, "Email", "p" + i + "@example.com"));
        }
        return connector;
    }

    private static ConnectionFields fields(String displayName) {
        return new ConnectionFields(
                displayName,
                "connectors/crm",
                Map.of("label", "main"),
                Map.of("token", "env:CRM_TOKEN"),
                ConnectionSchedule.every(15),
                ConnectionDirection.READ,
                true);
    }

    private static List<String> fieldsOf(Throwable e) {
        return ((InvalidArgumentException) e)
                .violations().stream().map(FieldViolation::field).toList();
    }

    @Test
    void connectionChangesAndTheRunsStartedAreAuditedWithSecretReferencesMasked() {
        io.hearth.core.auth.Principal root =
                new io.hearth.core.auth.Principal("root", io.hearth.core.auth.Role.ADMIN, Optional.empty(), "t-root");
        HearthCore asRoot = SyncFixtures.core(database, clock, people(3, 10))
                .secrets(new SecretResolver(environment::get))
                .caller(() -> Optional.of(root))
                .build();
        environment.put("OTHER_TOKEN", SECRET);
        Connections admin = asRoot.connections();
        Connection created = admin.create(fields("HubSpot"));
        admin.update(
                created.name(),
                new ConnectionFields(null, null, null, Map.of("token", "env:OTHER_TOKEN"), null, null, true),
                List.of("secret_refs"),
                Set.of(),
                null);
        SyncRun run = admin.run(created.name(), SyncListener.NONE);
        admin.delete(created.name(), null);

        List<io.hearth.core.audit.AuditEntry> entries =
                asRoot.audit().list(created.name(), "", 100, "").items();
        assertThat(entries)
                .extracting(io.hearth.core.audit.AuditEntry::action)
                .containsExactly("delete", "update", "create");
        assertThat(entries).allMatch(entry -> entry.user().equals("root"));
        assertThat(entries.get(2).changes())
                .contains(
                        new io.hearth.core.audit.FieldChange("display_name", null, "HubSpot"),
                        new io.hearth.core.audit.FieldChange("secret_refs", null, "***"));
        assertThat(entries.get(1).changes())
                .containsExactly(new io.hearth.core.audit.FieldChange("secret_refs", "***", "***"));
        assertThat(entries.toString()).doesNotContain("CRM_TOKEN", "OTHER_TOKEN");
        List<io.hearth.core.audit.AuditEntry> started =
                asRoot.audit().list(run.name(), "", 100, "").items();
        assertThat(started).extracting(io.hearth.core.audit.AuditEntry::action).containsExactly("start");
        assertThat(started.get(0).changes())
                .contains(
                        new io.hearth.core.audit.FieldChange("connector", null, "crm"),
                        new io.hearth.core.audit.FieldChange("connection", null, created.name()));
    }

    @Test
    void aCreatedConnectionReadsBackWithItsReferencesAndNoCursorOrRunYet() {
        Connection created = connections.create(fields(" HubSpot "));

        Connection read = connections.get(created.name(), "name");
        assertThat(read).isEqualTo(created);
        assertThat(read.name()).startsWith("connections/");
        assertThat(read.fields().displayName()).isEqualTo("HubSpot");
        assertThat(read.fields().connector()).isEqualTo("crm");
        assertThat(read.fields().config()).containsExactly(Map.entry("label", "main"));
        assertThat(read.fields().secretRefs()).containsExactly(Map.entry("token", "env:CRM_TOKEN"));
        assertThat(read.fields().schedule()).isEqualTo(ConnectionSchedule.every(15));
        assertThat(read.etag()).isEqualTo("\"1\"");
        assertThat(read.cursor()).isNull();
        assertThat(read.lastRun()).isNull();
    }

    @Test
    void aSecondConnectionWithADisplayNameTakenIsAlreadyExistsNamingTheFirst() {
        Connection first = connections.create(fields("HubSpot"));

        assertThatThrownBy(() -> connections.create(fields("HubSpot")))
                .isInstanceOfSatisfying(AlreadyExistsException.class, e -> {
                    assertThat(e.reason()).isEqualTo("CONNECTION_EXISTS");
                    assertThat(e.existing()).contains(first.name());
                });
    }

    @Test
    void everyRuleOnInputNamesItsFieldUnderTheConnection() {
        ConnectionFields bad = new ConnectionFields(
                "",
                "connectors/crm",
                Map.of("token", SECRET, "colour", "red"),
                Map.of("label", "env:X"),
                ConnectionSchedule.every(7 * 24 * 60 + 1),
                ConnectionDirection.BOTH,
                true);

        assertThatThrownBy(() -> connections.create(bad))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(fieldsOf(e))
                                .contains(
                                        "connection.display_name",
                                        "connection.config.token",
                                        "connection.config.colour",
                                        "connection.secret_refs.label",
                                        "connection.every_minutes",
                                        "connection.direction"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        assertThatThrownBy(() -> connections.create(new ConnectionFields(
                        "x".repeat(ConnectionRules.MAX_DISPLAY_NAME + 1),
                        "connectors/nope",
                        Map.of(),
                        Map.of(),
                        ConnectionSchedule.MANUAL,
                        ConnectionDirection.READ,
                        true)))
                .satisfies(e ->
                        assertThat(fieldsOf(e)).containsExactly("connection.display_name", "connection.connector"));
    }

    @Test
    void aSecretGivenAsAValueInsteadOfAReferenceIsRefusedWithoutEchoingIt() {
        for (String literal : List.of(SECRET, "env:", "env:1BAD", "file:relative/path", "file:")) {
            ConnectionFields input = new ConnectionFields(
                    "CRM",
                    "crm",
                    Map.of(),
                    Map.of("token", literal),
                    ConnectionSchedule.MANUAL,
                    ConnectionDirection.READ,
                    true);
            assertThatThrownBy(() -> connections.create(input))
                    .as(literal)
                    .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
                        assertThat(fieldsOf(e)).containsExactly("connection.secret_refs.token");
                        assertThat(e.violations().get(0).description())
                                .contains("env:NAME or file:/absolute/path")
                                .doesNotContain(SECRET);
                    });
        }
    }

    @Test
    void listPagesByDisplayNameAndATokenContinuesWhereThePageEnded() {
        for (String name : List.of("delta", "alpha", "echo", "charlie", "bravo")) {
            connections.create(fields(name));
        }

        Page<Connection> first = connections.list(2, "");
        Page<Connection> second = connections.list(2, first.nextPageToken().orElseThrow());
        Page<Connection> third = connections.list(2, second.nextPageToken().orElseThrow());

        assertThat(first.items()).extracting(c -> c.fields().displayName()).containsExactly("alpha", "bravo");
        assertThat(second.items()).extracting(c -> c.fields().displayName()).containsExactly("charlie", "delta");
        assertThat(third.items()).extracting(c -> c.fields().displayName()).containsExactly("echo");
        assertThat(third.nextPageToken()).isEmpty();
        assertThatThrownBy(() -> connections.list(2, "garbage!"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(fieldsOf(e)).containsExactly("page_token"));
    }

    @Test
    void anUpdateChangesOnlyTheMaskedFieldsAndAStaleEtagIsRefused() {
        Connection created = connections.create(fields("HubSpot"));
        ConnectionFields changes = new ConnectionFields(
                "Renamed", null, Map.of("label", "other"), Map.of(), ConnectionSchedule.MANUAL, null, false);

        Connection updated = connections.update(
                created.name(), changes, List.of("display_name", "every_minutes", "enabled"), Set.of(), created.etag());

        assertThat(updated.fields().displayName()).isEqualTo("Renamed");
        assertThat(updated.fields().schedule().manual()).isTrue();
        assertThat(updated.fields().enabled()).isFalse();
        assertThat(updated.fields().config()).isEqualTo(created.fields().config());
        assertThat(updated.fields().secretRefs()).isEqualTo(created.fields().secretRefs());
        assertThat(updated.etag()).isEqualTo("\"2\"");
        assertThat(connections.get(created.id())).isEqualTo(updated);
        assertThatThrownBy(() ->
                        connections.update(created.name(), changes, List.of("display_name"), Set.of(), created.etag()))
                .isInstanceOf(StaleEtagException.class);
        assertThatThrownBy(() -> connections.update(created.name(), changes, List.of("connector"), Set.of(), ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(fieldsOf(e)).containsExactly("update_mask"));
        assertThatThrownBy(() -> connections.update(created.name(), changes, List.of(), Set.of(), ""))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(fieldsOf(e)).containsExactly("update_mask"));
    }

    @Test
    void anUpdateToADisplayNameTakenIsAlreadyExists() {
        connections.create(fields("alpha"));
        Connection other = connections.create(fields("bravo"));
        ConnectionFields changes = new ConnectionFields("alpha", null, null, null, null, null, true);

        assertThatThrownBy(() -> connections.update(other.name(), changes, List.of("display_name"), Set.of(), ""))
                .isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void aDeletedConnectionIsGoneWithItsCursorAndAStaleEtagKeepsIt() {
        Connection created = connections.create(fields("HubSpot"));
        connections.run(created.name(), SyncListener.NONE);

        assertThatThrownBy(() -> connections.delete(created.name(), "\"9\"")).isInstanceOf(StaleEtagException.class);
        connections.delete(created.name(), created.etag());

        assertThatThrownBy(() -> connections.get(created.id())).isInstanceOf(NotFoundException.class);
        assertThat(new io.hearth.core.persistence.JooqSyncRunStore(database.dsl())
                        .findCursor("crm", created.sourceKey()))
                .isEmpty();
        assertThatThrownBy(() -> connections.delete(created.name(), "")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aRunResolvesTheSecretStoresThePeopleAndTheConnectionShowsItsCursorAndLastRun() {
        Connection created = connections.create(fields("HubSpot"));

        SyncRun run = connections.run(created.name(), SyncListener.NONE);

        assertThat(run.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(run.counts().created()).isEqualTo(30);
        assertThat(run.sourceKey()).isEqualTo(created.name());
        assertThat(run.sourceLabel()).contains("token=***").doesNotContain(SECRET);
        Connection after = connections.get(created.id());
        assertThat(after.lastRun()).isEqualTo(run.id());
        assertThat(after.cursor()).isEqualTo("30");
        assertThat(after.etag()).as("a run is no edit").isEqualTo(created.etag());
    }

    @Test
    void aRunResumesFromTheConnectionsCursor() {
        ListConnector crm = people(30, 10);
        crm.failBefore(20, () -> new io.hearth.connector.spi.FatalConnectorException("the CRM broke"));
        Connections failing = core(database, crm).connections();
        Connection created = failing.create(fields("HubSpot"));

        SyncRun failed = failing.run(created.name(), SyncListener.NONE);
        SyncRun resumed = failing.run(created.name(), SyncListener.NONE);

        assertThat(failed.state()).isEqualTo(SyncState.FAILED);
        assertThat(failed.counts().created()).isEqualTo(20);
        assertThat(resumed.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(resumed.startCursor()).isEqualTo("20");
        assertThat(resumed.counts().read()).isEqualTo(10);
        assertThat(resumed.counts().created()).isEqualTo(10);
    }

    @Test
    void aSecondRunOfAConnectionWhileOneRunsIsRefusedOnAnyServer() throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ListConnector blocking = people(30, 10);
        blocking.before(10, () -> {
            reached.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Connections first = core(database, blocking).connections();
        // on PostgreSQL through another server's pool: the database alone keeps the runs apart
        Connections second = core(testDatabase.anotherServer(), people(30, 10)).connections();
        Connection created = first.create(fields("HubSpot"));
        CompletableFuture<SyncRun> running =
                CompletableFuture.supplyAsync(() -> first.run(created.name(), SyncListener.NONE));
        assertThat(reached.await(20, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> second.run(created.name(), SyncListener.NONE))
                .isInstanceOfSatisfying(
                        FailedPreconditionException.class,
                        e -> assertThat(e.reason()).isEqualTo("SYNC_ALREADY_RUNNING"));
        assertThatThrownBy(() -> second.delete(created.name(), ""))
                .isInstanceOfSatisfying(
                        FailedPreconditionException.class,
                        e -> assertThat(e.reason()).isEqualTo("CONNECTION_RUNNING"));
        release.countDown();

        assertThat(running.get(20, TimeUnit.SECONDS).counts().created()).isEqualTo(30);
        assertThat(second.run(created.name(), SyncListener.NONE).counts().created())
                .isZero();
    }

    @Test
    void aMissingVariableOrFileIsAFailedPreconditionNamingTheKeyNeverTheValue() throws Exception {
        Connection created = connections.create(fields("HubSpot"));
        environment.remove("CRM_TOKEN");

        assertThatThrownBy(() -> connections.run(created.name(), SyncListener.NONE))
                .isInstanceOfSatisfying(FailedPreconditionException.class, e -> {
                    assertThat(e.reason()).isEqualTo("SECRET_UNAVAILABLE");
                    assertThat(e.getMessage()).contains("secret_refs.token", "CRM_TOKEN", "not set");
                });
        Path missing = dir.resolve("missing-token");
        Connection byFile = connections.update(
                created.name(),
                new ConnectionFields(null, null, null, Map.of("token", "file:" + missing), null, null, true),
                List.of("secret_refs"),
                Set.of(),
                "");
        assertThatThrownBy(() -> connections.test(byFile.name()))
                .isInstanceOfSatisfying(
                        FailedPreconditionException.class,
                        e -> assertThat(e.getMessage()).contains("secret_refs.token", missing.toString()));

        Files.writeString(missing, SECRET + "\n");
        assertThat(connections.test(byFile.name())).isEmpty();
        assertThat(connections.get(byFile.id()).fields().secretRefs()).containsEntry("token", "file:" + missing);
    }

    @Test
    void aTestReportsTheConnectorsProblemsUnderTheFieldToFix() {
        environment.put("CRM_TOKEN", "wrong");
        Connection created = connections.create(fields("HubSpot"));

        assertThat(connections.test(created.name()))
                .containsExactly(new ConfigProblem("secret_refs.token", "the CRM refused the token"));
    }

    @Test
    void eachScheduledSlotIsTakenByExactlyOneServerAndManualOrDisabledConnectionsAreNeverDue() throws Exception {
        Connection scheduled = connections.create(fields("HubSpot"));
        connections.create(new ConnectionFields(
                "Manual", "crm", Map.of(), Map.of(), ConnectionSchedule.MANUAL, ConnectionDirection.READ, true));
        Connection disabled = connections.create(new ConnectionFields(
                "Disabled", "crm", Map.of(), Map.of(), ConnectionSchedule.every(1), ConnectionDirection.READ, false));
        // on PostgreSQL through another server's pool: the database alone decides who takes the slot
        Connections other = core(testDatabase.anotherServer(), people(30, 10)).connections();
        assertThat(scheduled.nextRunAt()).isEqualTo(scheduled.createdAt().plus(Duration.ofMinutes(15)));
        assertThat(disabled.nextRunAt()).isNull();
        assertThat(connections.takeDue(10)).as("not due yet").isEmpty();

        for (int slot = 1; slot <= 3; slot++) {
            clock.advance(Duration.ofMinutes(15));
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<List<Connection>> mine =
                    CompletableFuture.supplyAsync(() -> takeDueAfter(go, connections));
            CompletableFuture<List<Connection>> theirs = CompletableFuture.supplyAsync(() -> takeDueAfter(go, other));
            go.countDown();
            List<Connection> taken = new java.util.ArrayList<>(mine.get(20, TimeUnit.SECONDS));
            taken.addAll(theirs.get(20, TimeUnit.SECONDS));

            assertThat(taken).as("slot " + slot).extracting(Connection::id).containsExactly(scheduled.id());
            assertThat(connections.takeDue(10)).as("slot " + slot + " moved on").isEmpty();
        }
        Connection after = connections.get(scheduled.id());
        assertThat(after.etag()).as("taking a slot is no edit").isEqualTo(scheduled.etag());
        assertThat(after.nextRunAt()).isAfter(scheduled.nextRunAt().plus(Duration.ofMinutes(30)));
    }

    private static List<Connection> takeDueAfter(CountDownLatch go, Connections on) {
        try {
            go.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return on.takeDue(10);
    }

    @Test
    void aDisabledConnectionDoesNotRun() {
        Connection created = connections.create(fields("HubSpot"));
        connections.update(
                created.name(),
                new ConnectionFields(null, null, null, null, null, null, false),
                List.of("enabled"),
                Set.of(),
                "");

        assertThatThrownBy(() -> connections.run(created.name(), SyncListener.NONE))
                .isInstanceOfSatisfying(
                        FailedPreconditionException.class,
                        e -> assertThat(e.reason()).isEqualTo("CONNECTION_DISABLED"));
    }
}
