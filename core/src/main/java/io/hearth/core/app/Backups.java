package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.auth.Role;
import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.UnauthenticatedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Online backups of the embedded database, for an admin: each into a new file of the server's
 * backup folder, named by its time, so one never overwrites another and no caller names a path on
 * the server's disk.
 */
public final class Backups {
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** A backup written: where, how large, when it started and how long it took. */
    public record Backup(Path file, long bytes, Instant startedAt, Duration took) {}

    private final DatabaseBackup database;
    private final Path folder;
    private final CurrentCaller caller;
    private final Clock clock;

    public Backups(DatabaseBackup database, Path folder, CurrentCaller caller, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.folder = requireNonNull(folder, "folder is null").toAbsolutePath().normalize();
        this.caller = requireNonNull(caller, "caller is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Path folder() {
        return folder;
    }

    /** Backs the database up now; writes go on meanwhile. */
    public synchronized Backup backUp() {
        if (caller.principal().isEmpty()) {
            throw new UnauthenticatedException("a backup needs an admin token, even on a server open to local callers: "
                    + "start the server with HEARTH_ADMIN_TOKEN or --admin-token-file and call with that token");
        }
        caller.require(Role.ADMIN, "backing up the database");
        database.unsupportedReason().ifPresent(reason -> {
            throw new FailedPreconditionException(ErrorReason.BACKUP_UNSUPPORTED, reason);
        });
        Instant started = clock.instant();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the backup folder " + folder, e);
        }
        Path file = folder.resolve("hearth-" + FILE_TIME.format(started) + ".tar.gz");
        if (Files.exists(file)) {
            throw new FailedPreconditionException(
                    ErrorReason.BACKUP_EXISTS,
                    "a backup named " + file.getFileName() + " exists already; try again in a moment");
        }
        long begun = System.nanoTime();
        long bytes = database.backUpTo(file);
        return new Backup(file, bytes, started, Duration.ofNanos(System.nanoTime() - begun));
    }
}
