package io.hearth.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** A server whose statistics nothing keeps is named at start. */
class PostgresSettingsTest {
    @Test
    void autovacuumOffIsWarnedOf() {
        assertThat(PostgresSettings.warnings("off", "on"))
                .singleElement()
                .asString()
                .contains("autovacuum is off", "ANALYZE");
    }

    @Test
    void trackCountsOffIsWarnedOfOnceSinceAutovacuumThenAnalyzesNothing() {
        assertThat(PostgresSettings.warnings("on", "off"))
                .singleElement()
                .asString()
                .contains("track_counts is off");
        assertThat(PostgresSettings.warnings("off", "off"))
                .singleElement()
                .asString()
                .contains("track_counts is off");
    }

    @Test
    void theDefaultsGiveNoWarning() {
        assertThat(PostgresSettings.warnings("on", "on")).isEmpty();
    }

    @Test
    void readsTheServersOwnSettings() throws Exception {
        try (Connection connection = DriverManager.getConnection(TestDatabases.postgresUrlOrSkip());
                Statement statement = connection.createStatement()) {
            boolean autovacuum = setting(statement, "autovacuum");

            assertThat(PostgresSettings.warnings(connection))
                    .as("autovacuum is %s on this server", autovacuum ? "on" : "off")
                    .hasSize(autovacuum ? 0 : 1);

            // a superuser may turn the counts off for a session: the check reads the session's value
            statement.execute("set track_counts = off");
            assertThat(PostgresSettings.warnings(connection))
                    .singleElement()
                    .asString()
                    .contains("track_counts is off");
        }
    }

    private static boolean setting(Statement statement, String name) throws Exception {
        try (ResultSet result = statement.executeQuery("show " + name)) {
            result.next();
            return result.getString(1).equals("on");
        }
    }
}
