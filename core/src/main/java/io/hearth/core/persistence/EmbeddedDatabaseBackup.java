package io.hearth.core.persistence;

import static java.util.Objects.requireNonNull;

import io.hearth.core.app.DatabaseBackup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * HSQLDB's online backup ({@code BACKUP DATABASE TO ... NOT BLOCKING}): the database's files in one
 * tar.gz, taken while calls go on writing. Restored by extracting it into an empty {@code db}
 * folder of a data directory (see the README, "Backup and restore").
 */
public final class EmbeddedDatabaseBackup implements DatabaseBackup {
    private final Database database;

    public EmbeddedDatabaseBackup(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    @Override
    public Optional<String> unsupportedReason() {
        DatabaseConfig config = database.config();
        if (config.kind() != DatabaseConfig.Kind.HSQLDB) {
            return Optional.of("this server runs on PostgreSQL: back it up with pg_dump (see the README, "
                    + "\"Backup and restore\"); Hearth keeps nothing else that needs saving");
        }
        if (!config.url().startsWith("jdbc:hsqldb:file:")) {
            return Optional.of("only a file database can be backed up; this one is " + config.redactedUrl());
        }
        return Optional.empty();
    }

    @Override
    public long backUpTo(Path file) {
        unsupportedReason().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        String target = file.toAbsolutePath().normalize().toString();
        if (!target.endsWith(".tar.gz") || target.contains("'")) {
            throw new IllegalArgumentException("a backup file is a .tar.gz without quotes, not " + target);
        }
        // NOT BLOCKING: writes go on while the files are copied; the log kept beside them makes the
        // copy consistent when it is opened
        database.dsl().execute("BACKUP DATABASE TO '" + target + "' NOT BLOCKING");
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the backup was written but cannot be read: " + file, e);
        }
    }
}
