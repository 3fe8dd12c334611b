package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.server.config.CadenceConfig;
import io.hearth.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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

    @Test
    void cadenceDefaultsAndFlags() {
        assertThat(parse().cadence()).isEqualTo(new CadenceConfig(2, 8, true));
        assertThat(parse("--lead-follow-up-limit", "3", "--contact-follow-up-limit", "5", "--auto-convert", "false")
                        .cadence())
                .isEqualTo(new CadenceConfig(3, 5, false));
        assertThatThrownBy(() -> parse("--lead-follow-up-limit", "0")).hasMessageContaining("lead follow-up limit");
    }
}
