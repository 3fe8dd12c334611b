package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.core.persistence.SchemaMigrations;
import io.hearth.core.persistence.SchemaMigrations.Migration;
import io.hearth.core.persistence.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrades as an operator runs them: {@code migrate --dry-run} lists what is pending and changes
 * nothing, {@code migrate} applies it once, and a server started with {@code --no-migrate} refuses
 * a schema that lacks migrations instead of changing it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MigrateCommandTest {
    @TempDir
    Path work;

    /** Every migration this build brings, oldest first. */
    private static List<Migration> allMigrations() {
        DatabaseConfig empty = new DatabaseConfig("jdbc:hsqldb:mem:migrations-" + UUID.randomUUID(), "SA", "", 1);
        try {
            return SchemaMigrations.status(empty).pending();
        } finally {
            Database.shutdownEmbedded(empty);
        }
    }

    private record Ran(int exitCode, String out, String err) {}

    private static Ran run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter errWriter = new PrintWriter(err, true);
        int code = Main.run(args, errWriter, new PrintWriter(out, true));
        return new Ran(code, out.toString(), err.toString());
    }

    @Test
    void aDryRunOnANewDataDirectoryListsEveryMigrationAndCreatesNothing() {
        Path dataDir = work.resolve("data");
        List<Migration> all = allMigrations();

        Ran dryRun = run("migrate", "--dry-run", "--data-dir", dataDir.toString());

        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.out())
                .contains("schema: no database yet; it would be created at version "
                        + all.get(all.size() - 1).version())
                .contains("pending: " + all.size() + " migrations")
                .contains("  " + all.get(0))
                .contains("dry run: nothing changed");
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void migrateAppliesWhatIsPendingOnceAndANoMigrateServerRefusesAnOlderSchema() {
        Path dataDir = work.resolve("data");
        DatabaseConfig database = DatabaseConfig.embedded(dataDir, 2);
        List<Migration> all = allMigrations();
        Migration previous = all.get(all.size() - 2);
        Migration latest = all.get(all.size() - 1);
        migrateTo(database, previous.version());

        Ran refused = run("--no-migrate", "--port", "0", "--data-dir", dataDir.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err())
                .contains("hearth-server: not started: the database schema is at version " + previous.version()
                        + " and this server needs " + latest.version() + " (1 pending migration) (--no-migrate): "
                        + "run 'java -jar hearth-server.jar migrate' with the same database options first")
                .doesNotContain("\tat ");

        Ran dryRun = run("migrate", "--dry-run", "--data-dir", dataDir.toString());
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.out())
                .contains("schema: at version " + previous.version() + "; this server brings " + latest.version())
                .contains("pending: 1 migration\n  " + latest)
                .contains("dry run: nothing changed");
        assertThat(currentVersion(database)).isEqualTo(previous.version());

        Ran migrate = run("migrate", "--data-dir", dataDir.toString());
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("applied 1 migration: " + latest);
        assertThat(currentVersion(database)).isEqualTo(latest.version());

        Ran again = run("migrate", "--data-dir", dataDir.toString());
        assertThat(again.out()).contains("up to date: nothing to apply");
        try (Database current = Database.open(database, null, Database.SchemaPolicy.REQUIRE_CURRENT)) {
            assertThat(current.schemaVersion()).isEqualTo(latest.version());
        }
    }

    @Test
    void aUsageErrorOfMigrateIsOneLineNamedAfterIt() {
        Ran ran = run("migrate", "--dry-runn");

        assertThat(ran.exitCode()).isEqualTo(2);
        assertThat(ran.err().strip()).startsWith("hearth-server migrate: Unknown option: '--dry-runn'");
        assertThat(ran.err().strip().lines()).hasSize(1);
    }

    @Test
    void migrateOnPostgresqlAppliesEverythingToANewDatabaseThenFindsItCurrent() throws Exception {
        String serverUrl = TestDatabases.postgresUrlOrSkip();
        String name = "hearth_migrate_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(serverUrl, "CREATE DATABASE " + name);
        try {
            String url = serverUrl.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
            List<Migration> all = allMigrations();

            Ran dryRun = run("migrate", "--dry-run", "--db-url", url);
            assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
            assertThat(dryRun.out())
                    .contains("database: POSTGRESQL")
                    .contains("schema: at version none; this server brings "
                            + all.get(all.size() - 1).version())
                    .contains("pending: " + all.size() + " migrations");

            Ran migrate = run("migrate", "--db-url", url);
            assertThat(migrate.exitCode()).as(migrate.err()).isZero();
            assertThat(migrate.out()).contains("applied " + all.size() + " migrations: " + all.get(0));
            assertThat(run("migrate", "--db-url", url).out()).contains("up to date: nothing to apply");
        } finally {
            execute(serverUrl, "DROP DATABASE IF EXISTS " + name.toLowerCase(Locale.ROOT) + " WITH (FORCE)");
        }
    }

    private static void migrateTo(DatabaseConfig database, String version) {
        try {
            Flyway.configure()
                    .dataSource(database.url(), database.user(), database.password())
                    .locations("classpath:db/migration")
                    .target(version)
                    .load()
                    .migrate();
        } finally {
            Database.shutdownEmbedded(database);
        }
    }

    private static String currentVersion(DatabaseConfig database) {
        try {
            return SchemaMigrations.status(database).current();
        } finally {
            Database.shutdownEmbedded(database);
        }
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
