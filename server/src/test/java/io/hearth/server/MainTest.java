package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.server.config.ServerConfig;
import java.nio.file.Path;
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
        assertThat(config.database().url()).startsWith("jdbc:hsqldb:file:" + Path.of("/tmp/hearth-x/db/hearth"))
                .contains("hsqldb.write_delay=false").contains("hsqldb.default_table_type=cached");
    }

    @Test
    void aPostgresUrlSelectsPostgres() {
        ServerConfig config = parse("--db-url", "jdbc:postgresql://db:5432/hearth?password=s3cret",
                "--db-user", "hearth", "--port", "0");

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
}
