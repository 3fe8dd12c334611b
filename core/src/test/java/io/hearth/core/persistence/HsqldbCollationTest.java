package io.hearth.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A new HSQLDB database compares text as PostgreSQL does (trailing spaces count); one made by an
 * older build keeps the collation its indexes were built with.
 */
class HsqldbCollationTest {
    @Test
    void aNewDatabaseComparesTextWithoutPaddingLikePostgresql() throws Exception {
        DatabaseConfig config = newDatabase();

        SchemaMigrations.migrate(config);

        assertThat(padSpace(config)).isFalse();
        assertThat(rowsKeyed(config, "ada@example.com ")).isZero();
        assertThat(rowsKeyed(config, "ada@example.com")).isEqualTo(1);
    }

    @Test
    void aDatabaseWithTablesKeepsItsCollationSinceItsIndexesAreNotRebuilt() throws Exception {
        DatabaseConfig config = newDatabase();
        // as a build before this one left it: migrated, with the default collation
        Flyway.configure()
                .dataSource(config.url(), config.user(), config.password())
                .locations(SchemaMigrations.LOCATION)
                .load()
                .migrate();

        SchemaMigrations.migrate(config);

        assertThat(padSpace(config)).isTrue();
        assertThat(rowsKeyed(config, "ada@example.com ")).isEqualTo(1);
    }

    @Test
    void migratingAgainChangesNothing() throws Exception {
        DatabaseConfig config = newDatabase();
        SchemaMigrations.migrate(config);

        assertThat(SchemaMigrations.migrate(config)).isEmpty();
        assertThat(padSpace(config)).isFalse();
    }

    private static DatabaseConfig newDatabase() {
        return new DatabaseConfig(
                "jdbc:hsqldb:mem:collation" + UUID.randomUUID().toString().replace("-", "") + ";hsqldb.tx=mvcc",
                "SA",
                "",
                2);
    }

    private static boolean padSpace(DatabaseConfig config) throws Exception {
        try (Connection connection = DriverManager.getConnection(config.url(), config.user(), config.password());
                Statement statement = connection.createStatement();
                ResultSet result =
                        statement.executeQuery("select property_value from information_schema.system_properties"
                                + " where property_name = 'sql.pad_space'")) {
            result.next();
            return Boolean.parseBoolean(result.getString(1));
        }
    }

    /** Keeps one row keyed {@code ada@example.com} in a probe table and counts those whose key equals {@code key}. */
    private static int rowsKeyed(DatabaseConfig config, String key) throws Exception {
        try (Connection connection = DriverManager.getConnection(config.url(), config.user(), config.password());
                Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists probe (k varchar(100) primary key)");
            statement.execute("merge into probe using (values ('ada@example.com')) as v(k) on probe.k = v.k"
                    + " when not matched then insert values (v.k)");
            try (ResultSet result = statement.executeQuery("select count(*) from probe where k = '" + key + "'")) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
