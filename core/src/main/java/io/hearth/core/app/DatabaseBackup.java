package io.hearth.core.app;

import java.nio.file.Path;

/**
 * The port through which an admin backs up the database while it serves: a consistent copy in one
 * file, taken without stopping writes. Only the embedded database does this itself; a server
 * database is backed up with its own tools (PostgreSQL: {@code pg_dump}).
 */
public interface DatabaseBackup {
    /** Whether {@link #backUpTo} works on this database; else the reason, for the caller to act on. */
    java.util.Optional<String> unsupportedReason();

    /** Writes the backup to {@code file} (a new {@code .tar.gz}) and returns its size in bytes. */
    long backUpTo(Path file);
}
