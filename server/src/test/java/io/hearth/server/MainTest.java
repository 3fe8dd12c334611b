package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.server.config.AdminToken;
import io.hearth.server.config.CadenceConfig;
import io.hearth.server.config.EscalationConfig;
import io.hearth.server.config.LimitsConfig;
import io.hearth.server.config.ServerConfig;
import io.hearth.server.config.TlsConfig;
import io.hearth.server.tls.TestPki;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Every refusal test would otherwise serve until stopped, should its refusal break. */
@Timeout(60)
class MainTest {
    private static ServerConfig parse(String... args) {
        Main main = new Main();
        new CommandLine(main).parseArgs(args);
        return main.config();
    }

    @Test
    void defaultsToAnEmbeddedDatabaseInTheDataDirectory() {
        ServerConfig config = parse("--data-dir", "/tmp/hearth-x");

        assertThat(config.port()).isEqualTo(50051);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.phoneRegion()).isEqualTo("US");
        assertThat(config.database().kind()).isEqualTo(DatabaseConfig.Kind.HSQLDB);
        assertThat(config.database().url())
                .startsWith("jdbc:hsqldb:file:" + Path.of("/tmp/hearth-x/db/hearth"))
                .contains("hsqldb.write_delay=false")
                .contains("hsqldb.default_table_type=cached");
    }

    @Test
    void aPostgresUrlSelectsPostgres() {
        ServerConfig config = parse(
                "--db-url", "jdbc:postgresql://db:5432/hearth?password=s3cret", "--db-user", "hearth", "--port", "0");

        assertThat(config.database().kind()).isEqualTo(DatabaseConfig.Kind.POSTGRESQL);
        assertThat(config.database().user()).isEqualTo("hearth");
        assertThat(config.database().redactedUrl()).doesNotContain("s3cret");
        assertThat(config.port()).isZero();
    }

    @Test
    void unsupportedDatabasesAndPortsAreRefused() {
        assertThatThrownBy(() -> parse("--db-url", "jdbc:mysql://db/hearth"))
                .hasMessageContaining("unsupported database URL");
        assertThatThrownBy(() -> parse("--port", "70000")).hasMessageContaining("port");
    }

    @Test
    void aCallWaitsThreeSecondsForADatabaseConnectionUnlessToldOtherwise() {
        assertThat(parse().database().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(parse("--db-connect-timeout", "2.5").database().connectTimeout())
                .isEqualTo(Duration.ofMillis(2500));
        assertThat(parse("--db-connect-timeout", "500ms").database().connectTimeout())
                .isEqualTo(Duration.ofMillis(500));
        assertThat(parse("--db-connect-timeout", "4s").database().connectTimeout())
                .isEqualTo(Duration.ofSeconds(4));
        assertThat(parse("--db-connect-timeout", "PT1M", "--db-url", "jdbc:postgresql://db/hearth")
                        .database()
                        .connectTimeout())
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aConnectTimeoutOutsideWhatThePoolTakesIsRefused() {
        assertThatThrownBy(() -> parse("--db-connect-timeout", "100ms"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--db-connect-timeout")
                .hasMessageContaining("between 250ms and 5 minutes, got 100ms");
        assertThatThrownBy(() -> parse("--db-connect-timeout", "1h"))
                .isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> parse("--db-connect-timeout", "soon"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("is not a duration");
    }

    private static EscalationConfig escalation(String... args) {
        Main main = new Main();
        new CommandLine(main).parseArgs(args);
        return main.escalation();
    }

    @Test
    void speedToLeadEscalatesAMinuteBeforeAFiveMinuteDeadlineUnlessToldOtherwise() {
        assertThat(escalation()).isEqualTo(EscalationConfig.DEFAULTS);
        assertThat(EscalationConfig.DEFAULTS)
                .isEqualTo(new EscalationConfig(
                        Duration.ofMinutes(5), Duration.ofMinutes(1), Optional.empty(), Duration.ofSeconds(5)));
        EscalationConfig quick = escalation(
                "--response-window",
                "3s",
                "--escalate-before",
                "2s",
                "--inbound-team",
                " east ",
                "--escalation-period",
                "200ms");
        assertThat(quick)
                .isEqualTo(new EscalationConfig(
                        Duration.ofSeconds(3), Duration.ofSeconds(2), Optional.of("east"), Duration.ofMillis(200)));
        assertThat(quick.speedToLead().responseWindow()).isEqualTo(Duration.ofSeconds(3));
        assertThat(quick.speedToLead().warnBefore()).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> escalation("--escalate-before", "6m"))
                .hasMessageContaining("--escalate-before must be between 0 and --response-window");
        assertThatThrownBy(() -> escalation("--escalation-period", "10ms")).hasMessageContaining("--escalation-period");
        assertThatThrownBy(() -> escalation("--response-window", "2d")).hasMessageContaining("--response-window");
        assertThatThrownBy(() -> escalation("--inbound-team", "a/b")).hasMessageContaining("--inbound-team");
    }

    @Test
    void cadenceDefaultsAndFlags() {
        assertThat(parse().cadence()).isEqualTo(new CadenceConfig(2, 8, true));
        assertThat(parse("--lead-follow-up-limit", "3", "--contact-follow-up-limit", "5", "--auto-convert", "false")
                        .cadence())
                .isEqualTo(new CadenceConfig(3, 5, false));
        assertThatThrownBy(() -> parse("--lead-follow-up-limit", "0")).hasMessageContaining("lead follow-up limit");
    }

    @Test
    void plaintextOnLoopbackUnlessTlsFilesAreGiven() {
        assertThat(parse().tls()).isEmpty();
        assertThat(parse().insecure()).isFalse();
        assertThat(parse("--tls-cert", "/etc/hearth/cert.pem", "--tls-key", "/etc/hearth/key.pem")
                        .tls())
                .contains(new TlsConfig(
                        Path.of("/etc/hearth/cert.pem"),
                        Path.of("/etc/hearth/key.pem"),
                        Optional.empty(),
                        Duration.ofSeconds(60)));
        assertThat(parse(
                                "--tls-cert",
                                "c.pem",
                                "--tls-key",
                                "k.pem",
                                "--tls-client-ca",
                                "ca.pem",
                                "--tls-reload-period",
                                "5m")
                        .tls())
                .contains(new TlsConfig(
                        Path.of("c.pem"), Path.of("k.pem"), Optional.of(Path.of("ca.pem")), Duration.ofMinutes(5)));
        assertThat(parse("--host", "0.0.0.0", "--insecure").insecure()).isTrue();
    }

    @Test
    void aReloadPeriodOutsideASecondToADayIsRefused() {
        assertThatThrownBy(() -> parse("--tls-reload-period", "500ms"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("between 1s and 1 day, got 500ms");
        assertThatThrownBy(() -> parse("--tls-reload-period", "P2D"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void plaintextBeyondLoopbackIsRefusedBeforeAnythingStarts(@TempDir Path dir) {
        Path dataDir = dir.resolve("data");

        Run run = run("--host", "0.0.0.0", "--port", "0", "--data-dir", dataDir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("hearth-server: not started: refusing to listen on 0.0.0.0 without TLS: anyone "
                        + "who can reach it could read and change every lead; give --tls-cert and --tls-key, bind to 127.0.0.1, "
                        + "or accept the risk with --insecure" + System.lineSeparator());
        assertThat(dataDir).as("no database was opened").doesNotExist();
    }

    @Test
    void halfATlsConfigurationIsRefusedNamingWhatIsMissing(@TempDir Path dir) {
        assertThat(run("--tls-cert", "/etc/hearth/cert.pem", "--data-dir", dir.toString())
                        .err())
                .isEqualTo(
                        "hearth-server: not started: --tls-cert /etc/hearth/cert.pem needs --tls-key, the private key "
                                + "of the certificate" + System.lineSeparator());
        assertThat(run("--tls-key", "/etc/hearth/key.pem", "--data-dir", dir.toString())
                        .err())
                .startsWith("hearth-server: not started: --tls-key /etc/hearth/key.pem needs --tls-cert");
        Run clientCaAlone = run("--tls-client-ca", "/etc/hearth/ca.pem", "--data-dir", dir.toString());
        assertThat(clientCaAlone.exitCode()).isEqualTo(2);
        assertThat(clientCaAlone.err())
                .startsWith(
                        "hearth-server: not started: --tls-client-ca /etc/hearth/ca.pem needs --tls-cert and --tls-key");
    }

    @Test
    void anUnusableCertificateFileIsOneLineWithoutAStackTrace(@TempDir Path dir) throws Exception {
        TestPki.Authority ca = TestPki.authority("Hearth Test CA");
        Path cert = ca.issueServer().writeCertificate(dir.resolve("server.pem"));
        Path key = Files.writeString(dir.resolve("server.key"), "garbage");

        Run run = run(
                "--host",
                "0.0.0.0",
                "--tls-cert",
                cert.toString(),
                "--tls-key",
                key.toString(),
                "--data-dir",
                dir.resolve("data").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("hearth-server: not started: --tls-key " + key
                        + ": no PEM private key (-----BEGIN PRIVATE KEY-----) in the file" + System.lineSeparator());
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void theAdminTokenComesFromTheVariableOrAFileAndIsNeverShown(@TempDir Path dir) throws Exception {
        String token = "hth_" + "k".repeat(40);
        Main fromVariable = new Main();
        fromVariable.adminTokenVariable = token;
        new CommandLine(fromVariable).parseArgs();
        ServerConfig config = fromVariable.config();
        assertThat(config.adminToken()).get().extracting(AdminToken::value).isEqualTo(token);
        assertThat(config.toString()).doesNotContain(token).contains("HEARTH_ADMIN_TOKEN");

        Path file = Files.writeString(dir.resolve("admin-token"), token + "\n");
        assertThat(parse("--admin-token-file", file.toString()).adminToken())
                .get()
                .extracting(AdminToken::value)
                .isEqualTo(token);
        assertThat(parse().adminToken()).isEmpty();
    }

    @Test
    void anUnusableAdminTokenIsRefusedWithoutShowingIt(@TempDir Path dir) throws Exception {
        Path shortToken = Files.writeString(dir.resolve("short"), "secret-but-short");
        assertThatThrownBy(() -> parse("--admin-token-file", shortToken.toString()))
                .hasMessageStartingWith("--admin-token-file " + shortToken + ": the admin token must be 32 to 256")
                .hasMessageNotContaining("secret-but-short");
        assertThatThrownBy(
                        () -> parse("--admin-token-file", dir.resolve("missing").toString()))
                .hasMessageContaining("cannot be read");
        Path big = Files.writeString(dir.resolve("big"), "x".repeat(Main.MAX_ADMIN_TOKEN_FILE_BYTES + 1));
        assertThatThrownBy(() -> parse("--admin-token-file", big.toString())).hasMessageContaining("larger than");

        Main both = new Main();
        both.adminTokenVariable = "hth_" + "k".repeat(40);
        new CommandLine(both).parseArgs("--admin-token-file", shortToken.toString());
        assertThatThrownBy(both::config).hasMessageContaining("not both");
    }

    @Test
    void theStartLineSaysWhoCanCall() {
        ServerConfig loopback = parse();
        assertThat(Main.access(loopback, Optional.empty(), false)).isEqualTo("plaintext, open to local callers only");
        assertThat(Main.access(loopback, Optional.empty(), true))
                .isEqualTo("plaintext on loopback; every call needs an API token");
        assertThat(Main.access(parse("--host", "0.0.0.0", "--insecure"), Optional.empty(), true))
                .startsWith("plaintext (--insecure): tokens and data cross the network unencrypted")
                .endsWith("every call needs an API token");
    }

    @Test
    void aPortInUseIsOneLineAndNoDatabaseIsOpened(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        try (java.net.ServerSocket taken =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Run run = run("--port", Integer.toString(taken.getLocalPort()), "--data-dir", dataDir.toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err())
                    .isEqualTo("hearth-server: not started: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + ": the port is in use (another Hearth server?); stop it, or choose another with --port"
                            + System.lineSeparator());
        }
        assertThat(dataDir).as("no database was opened").doesNotExist();
    }

    @Test
    void aDatabaseThatCannotBeReachedIsOneLineNamingTheFlag(@TempDir Path dir) throws Exception {
        int closedPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }
        Run run = run(
                "--port",
                "0",
                "--data-dir",
                dir.toString(),
                "--db-connect-timeout",
                "1",
                "--db-url",
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/hearth?user=hearth&password=s3cret");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("hearth-server: not started: cannot reach the database at jdbc:postgresql://127.0.0.1:"
                        + closedPort + "/hearth")
                .endsWith("; check --db-url and that the database is running" + System.lineSeparator())
                .doesNotContain("s3cret", "\tat ");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void aMetricsPortOutOfRangeOrInUseIsRefusedBeforeTheDatabaseIsOpened(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        Run outOfRange = run("--port", "0", "--metrics-port", "70000", "--data-dir", dataDir.toString());
        assertThat(outOfRange.exitCode()).isEqualTo(2);
        assertThat(outOfRange.err())
                .isEqualTo("hearth-server: not started: --metrics-port must be 0 to 65535, not 70000"
                        + System.lineSeparator());

        try (java.net.ServerSocket taken =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Run inUse = run(
                    "--port",
                    "0",
                    "--metrics-port",
                    Integer.toString(taken.getLocalPort()),
                    "--data-dir",
                    dataDir.toString());
            assertThat(inUse.exitCode()).isEqualTo(2);
            assertThat(inUse.err()).contains("the port is in use", "--metrics-port");
        }
        assertThat(dataDir.resolve("db")).as("no database was opened").doesNotExist();
    }

    @Test
    void aBadFlagValueIsOneLineWithAHintNotTheHelpPage() {
        Run run = run("--port", "abc");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("hearth-server: not started: ").contains("--port", "abc", "--help");
    }

    @Test
    void aStopRightAfterTheStartLetsTheStartUpPassEndBeforeTheDatabaseCloses(@TempDir Path dir) {
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(events);
        try {
            Run run = run("--data-dir", dir.resolve("data").toString(), "--port", "0", "--stop-after-start");

            assertThat(run.exitCode()).as(run.err()).isZero();
        } finally {
            root.detachAppender(events);
        }
        // the pass runs on its own thread; the database closed under it made it (and the pool) warn
        assertThat(events.list)
                .filteredOn(event -> event.getThreadName().equals("hearth-contact-cadences"))
                .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage)
                .isEmpty();
    }

    private record Run(int exitCode, String err) {}

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        int exitCode = Main.run(args, new PrintWriter(err));
        return new Run(exitCode, err.toString());
    }

    @Test
    void limitsHaveDefaultsFlagsAndBounds() {
        assertThat(parse().limits()).isEqualTo(LimitsConfig.DEFAULTS);
        assertThat(parse(
                                "--rate-limit", "2.5",
                                "--rate-burst", "10",
                                "--max-streams-per-token", "0",
                                "--max-message-bytes", "1048576")
                        .limits())
                .isEqualTo(new LimitsConfig(2.5, 10, 0, 1_048_576));
        assertThat(parse("--rate-limit", "0").limits().rateLimited()).isFalse();
        assertThatThrownBy(() -> parse("--rate-burst", "0")).hasMessageContaining("--rate-burst");
        assertThatThrownBy(() -> parse("--max-message-bytes", "100"))
                .hasMessageContaining("--max-message-bytes")
                .hasMessageContaining("65536");
        assertThatThrownBy(() -> parse("--rate-limit", "-1")).hasMessageContaining("--rate-limit");
        assertThat(Main.describe(LimitsConfig.DEFAULTS))
                .isEqualTo("50 calls per second, bursts of 100 (--rate-limit, --rate-burst); 8 open streams "
                        + "(--max-streams-per-token); requests up to 4194304 bytes (--max-message-bytes)");
    }
}
