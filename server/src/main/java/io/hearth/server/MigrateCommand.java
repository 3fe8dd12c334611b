package io.hearth.server;

import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.core.persistence.SchemaMigrations;
import io.hearth.core.persistence.SchemaMigrations.Migration;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hearth-server migrate [--dry-run]}: brings the database's schema up to date and exits, so
 * that several servers started with {@code --no-migrate} find it current. With {@code --dry-run} it
 * only says where the schema stands and what a migration would apply.
 */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        versionProvider = ServerVersion.class,
        description = "Applies the database migrations this server brings, then exits (servers started with "
                + "--no-migrate then find the schema current). Takes the same database options as the server.")
final class MigrateCommand implements Callable<Integer> {
    @ParentCommand
    Main server;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--dry-run",
            description = "Only show the schema's version and the pending migrations; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        server.applyLogSettings();
        DatabaseConfig database = server.databaseConfig();
        PrintWriter out = spec.commandLine().getOut();
        out.println("database: " + database.kind() + " " + database.redactedUrl());
        SchemaMigrations.Status status;
        if (database.kind() == DatabaseConfig.Kind.HSQLDB && !embeddedDatabaseExists(database)) {
            // nothing to read yet; an empty in-memory database shows what the first start would apply
            status = SchemaMigrations.status(emptyDatabase());
            out.println("schema: no database yet; " + (dryRun ? "it would be created" : "creating it") + " at version "
                    + status.latest());
            if (dryRun) {
                printPending(out, status.pending());
                out.println("dry run: nothing changed");
                return 0;
            }
        } else {
            status = opened(database, () -> SchemaMigrations.status(database));
            out.println("schema: at version " + status.current() + "; this server brings " + status.latest());
            if (!status.ahead().isEmpty()) {
                out.println("ahead: " + describe(status.ahead())
                        + " (applied by a newer server; this server runs on it as long as they only add)");
            }
            if (status.upToDate()) {
                out.println("up to date: nothing to apply");
                return 0;
            }
            printPending(out, status.pending());
            if (dryRun) {
                out.println("dry run: nothing changed; run without --dry-run to apply "
                        + (status.pending().size() == 1 ? "it" : "them"));
                return 0;
            }
        }
        if (database.kind() == DatabaseConfig.Kind.HSQLDB) {
            Files.createDirectories(server.dataDir);
        }
        List<Migration> applied = opened(database, () -> SchemaMigrations.migrate(database));
        out.println("applied " + applied.size() + " migration" + (applied.size() == 1 ? "" : "s")
                + (applied.isEmpty() ? "" : ": " + describe(applied)));
        return 0;
    }

    private static void printPending(PrintWriter out, List<Migration> pending) {
        out.println("pending: " + pending.size() + " migration" + (pending.size() == 1 ? "" : "s"));
        pending.forEach(migration -> out.println("  " + migration));
    }

    private static String describe(List<Migration> migrations) {
        return migrations.stream().map(Migration::toString).collect(Collectors.joining(", "));
    }

    /**
     * Runs {@code work} against {@code database}, then closes it cleanly (an HSQLDB file database is
     * checkpointed and its lock released), with failures said in one line as a start says them.
     */
    private <T> T opened(DatabaseConfig database, Callable<T> work) throws Exception {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw StartFailures.databaseFailure(e, database, server.dataDir)
                    .<RuntimeException>map(Main.StartRefusedException::new)
                    .orElse(e);
        } finally {
            Database.shutdownEmbedded(database);
        }
    }

    private static boolean embeddedDatabaseExists(DatabaseConfig database) {
        String url = database.url();
        if (!url.startsWith("jdbc:hsqldb:file:")) {
            return true;
        }
        String file = url.substring("jdbc:hsqldb:file:".length()).split(";", 2)[0];
        return Files.exists(Path.of(file + ".script")) || Files.exists(Path.of(file + ".properties"));
    }

    private static DatabaseConfig emptyDatabase() {
        return new DatabaseConfig("jdbc:hsqldb:mem:migrate-dry-run-" + UUID.randomUUID(), "SA", "", 1);
    }
}
