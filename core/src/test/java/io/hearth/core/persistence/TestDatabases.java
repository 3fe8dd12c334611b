package io.hearth.core.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * Empty, migrated databases for tests. HSQLDB runs in memory; PostgreSQL runs when
 * {@code HEARTH_TEST_PG_URL} (environment or system property) names a server, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}, in schemas of its own.
 *
 * <p>Running every migration made a fresh database expensive (a third of a second on HSQLDB, a
 * second on PostgreSQL, per test), so {@link #openHsqldb()} and {@link #postgres()} lend databases
 * migrated once per test JVM. The first test that finds none free migrates a new one (a new
 * in-memory HSQLDB database, a new PostgreSQL schema) through {@link Database#open}, as a server's
 * first start does, and keeps the pool that opened. A test has its database to itself until it
 * closes the handle; then every table but Flyway's history is emptied (sequences restarted) and the
 * database waits for the next test, which gets a {@link Database} handle of its own on the same pool
 * ({@link Database#sharingPool()}: its own jOOQ configuration; closing it leaves the pool open), with
 * no second look by Flyway: opening a pool and Flyway finding the schema current took a PostgreSQL
 * test about 0.1 s. Tests running at once get different databases. A test that changed the schema
 * (created, renamed or altered a table, an index, a constraint, a setting) leaves a database that no
 * longer matches what the migrations made, and a test that left a pool connection in use leaves one
 * whose next test could find it gone or its locks held: either is thrown away, not lent again. The
 * PostgreSQL schemas are dropped when the JVM exits.
 */
public final class TestDatabases {
    public static final String PG_URL_VARIABLE = "HEARTH_TEST_PG_URL";
    private static final AtomicBoolean skipAnnounced = new AtomicBoolean();
    /** Emptying a database, or dropping one, waits this long at most for a lock a test left behind. */
    private static final int RESET_TIMEOUT_SECONDS = 10;
    /** How many deleted (dead) rows a PostgreSQL test schema may gather before its tables are truncated. */
    private static final long TRUNCATE_AFTER_DELETED_ROWS = 20_000;

    private static final Shelf<HsqldbSlot> hsqldbShelf = new Shelf<>();
    private static final Shelf<PostgresSlot> postgresShelf = new Shelf<>();
    /** The PostgreSQL schemas this JVM made and has not dropped yet. */
    private static final Set<PostgresSlot> postgresSchemas = ConcurrentHashMap.newKeySet();

    private static final AtomicBoolean dropSchemasOnExit = new AtomicBoolean();

    private TestDatabases() {}

    /** An empty test database and what closing it releases; contract tests open one per test. */
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

    /**
     * A new in-memory HSQLDB database, migrated now, that belongs to the caller: for a test that
     * closes the {@link Database} itself, or changes its schema. {@link #openHsqldb()} is cheaper.
     */
    public static Database hsqldb() {
        return Database.open(new DatabaseConfig(hsqldbUrl(), "SA", "", 8));
    }

    private static String hsqldbUrl() {
        return "jdbc:hsqldb:mem:t" + UUID.randomUUID().toString().replace("-", "") + ";hsqldb.tx=mvcc";
    }

    /** An empty, migrated in-memory HSQLDB database; closing the handle gives it back. */
    public static TestDatabase openHsqldb() {
        HsqldbSlot slot = hsqldbShelf.take(candidate -> true);
        if (slot == null) {
            slot = new HsqldbSlot(new DatabaseConfig(hsqldbUrl(), "SA", "", 8));
            return new Lent<>(hsqldbShelf, slot, slot.migrate());
        }
        return new Lent<>(hsqldbShelf, slot, slot.open());
    }

    /** The configured PostgreSQL URL, or skips the calling test with a visible reason. */
    public static String postgresUrlOrSkip() {
        String url = System.getProperty(PG_URL_VARIABLE, System.getenv(PG_URL_VARIABLE));
        if ((url == null || url.isBlank()) && !skipAnnounced.getAndSet(true)) {
            System.err.println("[hearth] PostgreSQL tests SKIPPED: set " + PG_URL_VARIABLE
                    + " (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres) to run them; .ci/run does");
        }
        Assumptions.assumeTrue(
                url != null && !url.isBlank(), "PostgreSQL tests need " + PG_URL_VARIABLE + "; .ci/run sets it");
        return url;
    }

    /** An empty, migrated schema of the configured PostgreSQL; closing the handle gives it back. */
    public static SchemaDatabase postgres() {
        String url = postgresUrlOrSkip();
        PostgresSlot slot = postgresShelf.take(candidate -> candidate.serverUrl.equals(url));
        if (slot == null) {
            slot = PostgresSlot.create(url);
            return new SchemaDatabase(postgresShelf, slot, slot.migrate());
        }
        return new SchemaDatabase(postgresShelf, slot, slot.open());
    }

    /** A PostgreSQL database confined to one schema, lent to one test until it closes it. */
    public static final class SchemaDatabase extends Lent<PostgresSlot> {
        SchemaDatabase(Shelf<PostgresSlot> shelf, PostgresSlot slot, Database database) {
            super(shelf, slot, database);
        }

        public String schema() {
            return slot.schema;
        }

        /** A second pool on the same schema, as a second server instance has. */
        @Override
        Database openAnother() {
            return Database.open(database().config());
        }
    }

    /** A database lent to a test: closing the handle closes its pools and gives the database back. */
    static class Lent<S extends Slot> implements TestDatabase {
        private final Shelf<S> shelf;
        final S slot;
        private final Database database;
        private Database another;
        private boolean closed;

        Lent(Shelf<S> shelf, S slot, Database database) {
            this.shelf = shelf;
            this.slot = slot;
            this.database = database;
        }

        @Override
        public Database database() {
            return database;
        }

        /** The embedded database has one server process: the same database. */
        Database openAnother() {
            return database;
        }

        @Override
        public synchronized Database anotherServer() {
            if (another == null) {
                another = openAnother();
            }
            return another;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (another != null && another != database) {
                    another.close();
                }
            } finally {
                database.close();
                shelf.giveBack(slot);
            }
        }
    }

    /** The migrated databases of one kind that no test holds now. */
    static final class Shelf<S extends Slot> {
        private final Deque<S> free = new ArrayDeque<>();

        synchronized S take(Predicate<S> fits) {
            for (Iterator<S> it = free.iterator(); it.hasNext(); ) {
                S slot = it.next();
                if (fits.test(slot)) {
                    it.remove();
                    return slot;
                }
            }
            return null;
        }

        /** Empties the database and shelves it, or throws it away when it is no longer as migrated. */
        void giveBack(S slot) {
            String problem = slot.empty();
            if (problem == null) {
                synchronized (this) {
                    free.addFirst(slot); // the most recently used first: a few warm databases serve every test
                }
            } else {
                slot.discard(problem);
            }
        }
    }

    /**
     * One migrated database that tests take turns on. The signature of its schema right after
     * migrating tells, each time a test gives it back, whether the test changed the schema.
     */
    abstract static class Slot {
        final DatabaseConfig config;
        /** The pool every test on this database borrows a handle of ({@link Database#sharingPool()}). */
        private Database pool;

        private String migratedSignature;
        private List<String> tables;
        private List<String> sequences;
        /** Empties the database between tests; kept open, so the statements stay prepared. */
        private Connection maintenance;

        Slot(DatabaseConfig config) {
            this.config = config;
        }

        /** Opens the database for its first test: Flyway runs every migration. */
        Database migrate() {
            Database database;
            try {
                database = Database.open(config);
            } catch (RuntimeException e) {
                discard("its migration failed");
                throw e;
            }
            pool = database;
            try {
                Connection connection = maintenance();
                tables = names(connection, tablesQuery());
                sequences = names(connection, sequencesQuery());
                migratedSignature = signature(connection);
            } catch (SQLException | RuntimeException e) {
                discard("cannot read the migrated schema: " + e.getMessage());
                throw new IllegalStateException("cannot read the migrated schema of " + config.redactedUrl(), e);
            }
            return pool.sharingPool();
        }

        /**
         * A handle for a later test on the pool the first one opened: the schema is as migrated (the
         * last test's give-back compared it), so Flyway need not look again.
         */
        Database open() {
            return pool.sharingPool();
        }

        /** Closes the pool, whose connections a test may still hold; before the database goes. */
        void closePool() {
            if (pool != null) {
                pool.close();
                pool = null;
            }
        }

        /** Empties every table but Flyway's history; null when done, else why the database cannot be lent again. */
        String empty() {
            int inUse = pool.connectionsInUse();
            if (inUse > 0) {
                // the pool used to close after each test, which ended such a connection; now the next
                // test would find it gone from the pool, or its locks still held
                return "the test left " + inUse + " of its connections in use";
            }
            try {
                Connection connection = maintenance();
                try (Statement statement = connection.createStatement()) {
                    statement.setQueryTimeout(RESET_TIMEOUT_SECONDS);
                    emptyTables(statement, tables);
                    for (String sequence : sequences) {
                        statement.execute("ALTER SEQUENCE " + quote(sequence) + " RESTART");
                    }
                }
                return signature(connection).equals(migratedSignature) ? null : "the test changed its schema";
            } catch (SQLException | RuntimeException e) {
                return "cannot empty it: " + e.getMessage();
            }
        }

        private Connection maintenance() throws SQLException {
            if (maintenance == null) {
                maintenance = connect();
            }
            return maintenance;
        }

        void closeMaintenance() {
            if (maintenance != null) {
                try {
                    maintenance.close();
                } catch (SQLException e) {
                    // it goes with the database
                }
                maintenance = null;
            }
        }

        abstract Connection connect() throws SQLException;

        /** The tables to empty, Flyway's history aside. */
        abstract String tablesQuery();

        abstract String sequencesQuery();

        abstract void emptyTables(Statement statement, List<String> tables) throws SQLException;

        /** What the schema is made of: tables, columns, keys, indexes, settings, the migration history. */
        abstract String signature(Connection connection) throws SQLException;

        /** Releases the database for good; {@code why} says why, for a message should that fail. */
        abstract void discard(String why);

        void bindSchema(PreparedStatement statement) throws SQLException {}

        static String quote(String name) {
            return '"' + name.replace("\"", "\"\"") + '"';
        }

        private List<String> names(Connection connection, String query) throws SQLException {
            List<String> names = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                bindSchema(statement);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
            }
            return names;
        }

        static String lines(ResultSet rows) throws SQLException {
            StringBuilder text = new StringBuilder();
            while (rows.next()) {
                text.append(rows.getString(1)).append('\n');
            }
            return text.toString();
        }
    }

    /** An in-memory HSQLDB database; the tables are in its PUBLIC schema. */
    static final class HsqldbSlot extends Slot {
        HsqldbSlot(DatabaseConfig config) {
            super(config);
        }

        @Override
        Connection connect() throws SQLException {
            return DriverManager.getConnection(config.url(), config.user(), config.password());
        }

        @Override
        String tablesQuery() {
            return "SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'"
                    + " AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history' ORDER BY table_name";
        }

        @Override
        String sequencesQuery() {
            return "SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'PUBLIC'"
                    + " ORDER BY sequence_name";
        }

        @Override
        void emptyTables(Statement statement, List<String> tables) throws SQLException {
            // NO CHECK: one table at a time, so a foreign key may point into an emptied table for a moment
            for (String table : tables) {
                statement.execute("TRUNCATE TABLE " + quote(table) + " RESTART IDENTITY AND COMMIT NO CHECK");
            }
        }

        @Override
        String signature(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                String signature;
                // SCRIPT without a file answers the database's DDL and settings, not its rows
                try (ResultSet rows = statement.executeQuery("SCRIPT")) {
                    signature = lines(rows);
                }
                try (ResultSet rows = statement.executeQuery(
                        "SELECT CAST(\"installed_rank\" AS VARCHAR(20)) || ' '"
                                + " || COALESCE(\"version\", '') || ' ' || COALESCE(CAST(\"checksum\" AS VARCHAR(20)), '') || ' '"
                                + " || CAST(\"success\" AS VARCHAR(5)) FROM \"flyway_schema_history\" ORDER BY \"installed_rank\"")) {
                    return signature + lines(rows);
                }
            }
        }

        @Override
        void discard(String why) {
            closePool();
            // an in-memory database lives until SHUTDOWN, whoever still holds a connection
            try (Connection connection = connect();
                    Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (SQLException e) {
                System.err.println("[hearth] test database " + config.url() + " (" + why + ") did not shut down: "
                        + e.getMessage());
            }
            closeMaintenance();
        }
    }

    /**
     * A schema of the configured PostgreSQL, dropped when thrown away or when the JVM exits. Its
     * sessions commit without waiting for the WAL to reach the disk ({@code synchronous_commit=off}):
     * a commit is as visible and as atomic, it only is not durable across a crash of the test server,
     * which a test database need not be; most of a test's time went into those flushes.
     */
    static final class PostgresSlot extends Slot {
        final String serverUrl;
        final String schema;
        /** Rows deleted from the schema's tables since they were last truncated. */
        private long deletedSinceTruncate;

        private PostgresSlot(String serverUrl, String schema) {
            super(new DatabaseConfig(
                    serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema
                            + "&options=-c%20synchronous_commit%3Doff",
                    null,
                    null,
                    8));
            this.serverUrl = serverUrl;
            this.schema = schema;
        }

        static PostgresSlot create(String serverUrl) {
            String schema =
                    "hearth_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            if (!dropSchemasOnExit.getAndSet(true)) {
                Runtime.getRuntime()
                        .addShutdownHook(new Thread(TestDatabases::dropPostgresSchemas, "drop-test-schemas"));
            }
            PostgresSlot slot = new PostgresSlot(serverUrl, schema);
            execute(serverUrl, "CREATE SCHEMA " + schema);
            postgresSchemas.add(slot);
            return slot;
        }

        @Override
        Connection connect() throws SQLException {
            Connection connection = DriverManager.getConnection(config.url());
            try (Statement statement = connection.createStatement()) {
                // a lock a test left behind makes emptying fail rather than wait for ever
                statement.execute("SET lock_timeout = '" + RESET_TIMEOUT_SECONDS + "s'");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return connection;
        }

        @Override
        void bindSchema(PreparedStatement statement) throws SQLException {
            statement.setString(1, schema);
        }

        @Override
        String tablesQuery() {
            return "SELECT relname FROM pg_class WHERE relnamespace = ?::regnamespace AND relkind IN ('r', 'p')"
                    + " AND relname <> 'flyway_schema_history' ORDER BY relname";
        }

        @Override
        String sequencesQuery() {
            return "SELECT relname FROM pg_class WHERE relnamespace = ?::regnamespace AND relkind = 'S' ORDER BY relname";
        }

        @Override
        void emptyTables(Statement statement, List<String> tables) throws SQLException {
            // A test leaves a few rows, which a DELETE per table removes in a few milliseconds, where
            // TRUNCATE makes new files for every table and index (some 60 ms). The deletes run as one
            // statement, so the foreign keys between the tables are checked once all are empty.
            // Deleted rows stay as dead ones until a vacuum, and the test server may run without
            // autovacuum: once many have piled up, the tables are truncated instead.
            if (deletedSinceTruncate < TRUNCATE_AFTER_DELETED_ROWS) {
                StringBuilder deletes = new StringBuilder("WITH ");
                StringBuilder count = new StringBuilder(" SELECT 0");
                for (int i = 0; i < tables.size(); i++) {
                    deletes.append(i == 0 ? "" : ", ")
                            .append("d")
                            .append(i)
                            .append(" AS (DELETE FROM ")
                            .append(quote(tables.get(i)))
                            .append(" RETURNING 1)");
                    count.append(" + (SELECT count(*) FROM d").append(i).append(')');
                }
                try (ResultSet deleted =
                        statement.executeQuery(deletes.append(count).toString())) {
                    deleted.next();
                    deletedSinceTruncate += deleted.getLong(1);
                    return;
                } catch (SQLException e) {
                    // a foreign key checked at once (ON DELETE RESTRICT) refuses it: truncate
                }
            }
            statement.execute("TRUNCATE "
                    + String.join(", ", tables.stream().map(Slot::quote).toList()) + " RESTART IDENTITY");
            deletedSinceTruncate = 0;
        }

        @Override
        String signature(Connection connection) throws SQLException {
            // one pass over pg_class (no index on it leads with the schema), then each relation's parts by index
            String query = """
                    WITH relation AS MATERIALIZED (
                      SELECT oid, relname, relkind FROM pg_class WHERE relnamespace = ?::regnamespace
                    )
                    SELECT item FROM (
                      SELECT 'relation ' || relname || ' ' || relkind::text AS item FROM relation
                      UNION ALL
                      SELECT 'column ' || r.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                             || ' ' || a.attnotnull::text || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
                        FROM relation r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
                        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                      UNION ALL
                      SELECT 'constraint ' || r.relname || '.' || c.conname || ' ' || pg_get_constraintdef(c.oid)
                        FROM relation r JOIN pg_constraint c ON c.conrelid = r.oid
                      UNION ALL
                      SELECT 'index ' || pg_get_indexdef(i.indexrelid) FROM relation r JOIN pg_index i ON i.indrelid = r.oid
                      UNION ALL
                      SELECT 'trigger ' || pg_get_triggerdef(t.oid)
                        FROM relation r JOIN pg_trigger t ON t.tgrelid = r.oid AND NOT t.tgisinternal
                      UNION ALL
                      SELECT 'routine ' || p.oid::regprocedure::text FROM pg_proc p WHERE p.pronamespace = ?::regnamespace
                      UNION ALL
                      SELECT 'migration ' || installed_rank || ' ' || coalesce(version, '') || ' '
                             || coalesce(checksum::text, '') || ' ' || success::text FROM flyway_schema_history
                    ) schema_items ORDER BY item""";
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                statement.setString(1, schema);
                statement.setString(2, schema);
                try (ResultSet rows = statement.executeQuery()) {
                    return lines(rows);
                }
            }
        }

        @Override
        void discard(String why) {
            closePool();
            closeMaintenance();
            if (!drop()) {
                System.err.println("[hearth] test schema " + schema + " (" + why + ") is left to be dropped at exit");
            }
        }

        /** Drops the schema; false when it cannot now. */
        boolean drop() {
            try (Connection connection = DriverManager.getConnection(serverUrl);
                    Statement statement = connection.createStatement()) {
                statement.execute("SET lock_timeout = '" + RESET_TIMEOUT_SECONDS + "s'");
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                postgresSchemas.remove(this);
                return true;
            } catch (SQLException e) {
                return false;
            }
        }
    }

    private static void dropPostgresSchemas() {
        for (PostgresSlot slot : List.copyOf(postgresSchemas)) {
            slot.closePool();
            slot.closeMaintenance();
            if (!slot.drop()) {
                System.err.println("[hearth] cannot drop test schema " + slot.schema + "; drop it by hand");
            }
        }
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url + ": " + e.getMessage(), e);
        }
    }
}
