package io.hearth.core.persistence;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the data lives. HSQLDB file databases are the embedded default; a {@code jdbc:postgresql:}
 * URL selects PostgreSQL, where many stateless servers can share one database.
 */
public record DatabaseConfig(String url, String user, String password, int maxPoolSize) {
    public DatabaseConfig {
        requireNonNull(url, "url is null");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, got " + maxPoolSize);
        }
        kindOf(url);
    }

    public enum Kind {
        HSQLDB, POSTGRESQL
    }

    /**
     * An HSQLDB file database under {@code dataDir}. CACHED tables keep rows on disk instead of the
     * heap, MVCC lets readers and writers proceed together, and write_delay=false syncs every commit
     * so an acknowledged write survives a crash.
     */
    public static DatabaseConfig embedded(Path dataDir, int maxPoolSize) {
        String file = dataDir.toAbsolutePath().normalize().resolve("db").resolve("hearth").toString();
        return new DatabaseConfig("jdbc:hsqldb:file:" + file
                + ";hsqldb.default_table_type=cached;hsqldb.tx=mvcc;hsqldb.write_delay=false;hsqldb.lock_file=true",
                "SA", "", maxPoolSize);
    }

    public Kind kind() {
        return kindOf(url);
    }

    /** The URL without credentials that may be embedded in it, fit for logs. */
    public String redactedUrl() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static Kind kindOf(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:hsqldb:")) {
            return Kind.HSQLDB;
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return Kind.POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL '" + url
                + "': use jdbc:hsqldb:... (embedded) or jdbc:postgresql://host:port/db");
    }
}
