package io.hearth.core.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh databases for tests. HSQLDB runs in memory; PostgreSQL runs when {@code HEARTH_TEST_PG_URL}
 * (environment or system property) names a server, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. Each PostgreSQL database gets its own
 * schema, dropped on close, so runs never see each other's data.
 */
public final class TestDatabases {
    public static final String PG_URL_VARIABLE = "HEARTH_TEST_PG_URL";
    private static final AtomicBoolean skipAnnounced = new AtomicBoolean();

    private TestDatabases() {
    }

    /** A fresh test database and what closing it releases; contract tests open one per test. */
    public interface TestDatabase extends AutoCloseable {
        Database database();

        /**
         * The database as a second server instance would see it: its own pool and its own
         * in-process turns on PostgreSQL, so a race between the two is ordered by the database
         * alone. The embedded database has one server process: the same database.
         */
        Database anotherServer();

        @Override
        void close();
    }

    public static Database hsqldb() {
        return Database.open(new DatabaseConfig("jdbc:hsqldb:mem:t" + UUID.randomUUID().toString().replace("-", "")
                + ";hsqldb.tx=mvcc", "SA", "", 8));
    }

    /** A fresh in-memory HSQLDB database; closing the handle closes the database. */
    public static TestDatabase openHsqldb() {
        return new HsqldbDatabase(hsqldb());
    }

    private record HsqldbDatabase(Database database) implements TestDatabase {
        @Override
        public Database anotherServer() {
            return database;
        }

        @Override
        public void close() {
            database.close();
        }
    }

    /** The configured PostgreSQL URL, or skips the calling test with a visible reason. */
    public static String postgresUrlOrSkip() {
        String url = System.getProperty(PG_URL_VARIABLE, System.getenv(PG_URL_VARIABLE));
        if ((url == null || url.isBlank()) && !skipAnnounced.getAndSet(true)) {
            System.err.println("[hearth] PostgreSQL tests SKIPPED: set " + PG_URL_VARIABLE
                    + " (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres) to run them; .ci/run does");
        }
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                "PostgreSQL tests need " + PG_URL_VARIABLE + "; .ci/run sets it");
        return url;
    }

    /** A database in a new schema of the configured PostgreSQL; the schema is dropped on close. */
    public static SchemaDatabase postgres() {
        String url = postgresUrlOrSkip();
        String schema = "hearth_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(url, "CREATE SCHEMA " + schema);
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new SchemaDatabase(Database.open(new DatabaseConfig(schemaUrl, null, null, 8)), url, schema);
    }

    /** A PostgreSQL database confined to one schema, which closing drops. */
    public static final class SchemaDatabase implements TestDatabase {
        private final Database database;
        private final String serverUrl;
        private final String schema;
        private Database another;

        SchemaDatabase(Database database, String serverUrl, String schema) {
            this.database = database;
            this.serverUrl = serverUrl;
            this.schema = schema;
        }

        @Override
        public Database database() {
            return database;
        }

        public String schema() {
            return schema;
        }

        @Override
        public synchronized Database anotherServer() {
            if (another == null) {
                another = Database.open(database.config());
            }
            return another;
        }

        @Override
        public synchronized void close() {
            if (another != null) {
                another.close();
            }
            database.close();
            execute(serverUrl, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url + ": " + e.getMessage(), e);
        }
    }
}
