package io.hearth.core.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The schema's migrations as this build knows them, against one database: which are applied, which
 * are pending, and whether the database is ahead of this build (a newer server migrated it). Each
 * call works on a connection of its own, without the pool's socket timeout: a migration may run long.
 */
public final class SchemaMigrations {
    static final String LOCATION = "classpath:db/migration";

    private SchemaMigrations() {}

    /** One migration script: its version (e.g. {@code 18}) and what it does. */
    public record Migration(String version, String description) {
        @Override
        public String toString() {
            return "V" + version + " " + description;
        }
    }

    /**
     * Where a database stands against this build.
     *
     * @param current the newest migration applied, or {@code "none"} for an empty database
     * @param latest the newest migration this build brings
     * @param pending the migrations this build would apply, oldest first
     * @param ahead migrations applied to the database that this build does not know (a newer server's)
     */
    public record Status(String current, String latest, List<Migration> pending, List<Migration> ahead) {
        public Status {
            pending = List.copyOf(pending);
            ahead = List.copyOf(ahead);
        }

        public boolean upToDate() {
            return pending.isEmpty();
        }
    }

    /** Reads where {@code config}'s database stands; changes nothing but Flyway's reading of its history. */
    public static Status status(DatabaseConfig config) {
        Flyway flyway = flyway(config);
        var info = flyway.info();
        List<Migration> pending =
                Arrays.stream(info.pending()).map(SchemaMigrations::migration).toList();
        List<Migration> ahead = Arrays.stream(info.applied())
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS)
                .map(SchemaMigrations::migration)
                .toList();
        MigrationInfo current = info.current();
        String latest = Arrays.stream(info.all())
                .filter(m ->
                        m.getState() != MigrationState.FUTURE_SUCCESS && m.getState() != MigrationState.FUTURE_FAILED)
                .reduce((first, second) -> second)
                .map(m -> m.getVersion().getVersion())
                .orElse("none");
        return new Status(current == null ? "none" : current.getVersion().getVersion(), latest, pending, ahead);
    }

    /** Applies every pending migration, each in a transaction of its own; returns those applied. */
    public static List<Migration> migrate(DatabaseConfig config) {
        if (config.kind() == DatabaseConfig.Kind.HSQLDB) {
            comparesLikePostgresql(config);
        }
        // one pass: migrate() reads the history and the scripts itself, so no info() before it (a
        // second scan of the jar and read of the history on every start, when nothing is pending)
        // (its list of those applied is in no particular order: oldest first, as info() lists them)
        return flyway(config).migrate().getSuccessfulMigrations().stream()
                .sorted(Comparator.comparing(applied -> MigrationVersion.fromVersion(applied.version)))
                .map(applied -> new Migration(applied.version, applied.description))
                .toList();
    }

    /**
     * Makes a new HSQLDB database compare text as PostgreSQL does, trailing spaces included ({@code
     * NO PAD}), before it has any table. HSQLDB's default ({@code PAD SPACE}) pads the shorter of two
     * strings with spaces for every comparison of unequal lengths, a new string each time: a third of
     * an import's duplicate lookups, walking the key indexes, went into it. A database that already
     * has tables keeps its collation: HSQLDB does not rebuild indexes when it changes, and the two
     * orders differ for a string that another one extends with spaces or control characters.
     */
    static void comparesLikePostgresql(DatabaseConfig config) {
        try (Connection connection = DriverManager.getConnection(config.url(), config.user(), config.password());
                Statement statement = connection.createStatement()) {
            try (ResultSet tables = statement.executeQuery(
                    "select count(*) from information_schema.tables where table_type = 'BASE TABLE'"
                            + " and table_schema not in ('INFORMATION_SCHEMA', 'SYSTEM_LOBS')")) {
                tables.next();
                if (tables.getLong(1) > 0) {
                    return;
                }
            }
            statement.execute("SET DATABASE COLLATION SQL_TEXT NO PAD");
        } catch (SQLException e) {
            throw new IllegalStateException("could not set up the new HSQLDB database: " + e.getMessage(), e);
        }
    }

    private static Flyway flyway(DatabaseConfig config) {
        return Flyway.configure()
                .dataSource(config.url(), config.user(), config.password())
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .load();
    }

    private static Migration migration(MigrationInfo info) {
        return new Migration(info.getVersion().getVersion(), info.getDescription());
    }
}
