package io.hearth.core.persistence;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where the data lives. HSQLDB file databases are the embedded default; a {@code jdbc:postgresql:}
 * URL selects PostgreSQL, where many stateless servers can share one database.
 *
 * @param connectTimeout how long a call waits for a connection (the database's connect, or a free
 *     one in the pool) before it is told the database is unavailable; well under the deadline
 *     clients usually set, so they get that answer rather than a timeout of their own
 */
public record DatabaseConfig(String url, String user, String password, int maxPoolSize, Duration connectTimeout) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** The pool's (HikariCP's) floor. */
    public static final Duration MIN_CONNECT_TIMEOUT = Duration.ofMillis(250);

    public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(5);

    public DatabaseConfig {
        requireNonNull(url, "url is null");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, got " + maxPoolSize);
        }
        checkConnectTimeout(connectTimeout);
        kindOf(url);
    }

    /** With the default connect timeout. */
    public DatabaseConfig(String url, String user, String password, int maxPoolSize) {
        this(url, user, password, maxPoolSize, DEFAULT_CONNECT_TIMEOUT);
    }

    public DatabaseConfig withConnectTimeout(Duration timeout) {
        return new DatabaseConfig(url, user, password, maxPoolSize, timeout);
    }

    /** Returns {@code timeout} when it is a connect timeout the pool accepts, else says why not. */
    public static Duration checkConnectTimeout(Duration timeout) {
        requireNonNull(timeout, "connect timeout is null");
        if (timeout.compareTo(MIN_CONNECT_TIMEOUT) < 0 || timeout.compareTo(MAX_CONNECT_TIMEOUT) > 0) {
            throw new IllegalArgumentException("the database connect timeout must be between 250ms and 5 minutes, got "
                    + timeout.toMillis() + "ms");
        }
        return timeout;
    }

    public enum Kind {
        HSQLDB,
        POSTGRESQL
    }

    /**
     * An HSQLDB file database under {@code dataDir}. CACHED tables keep rows on disk instead of the
     * heap, MVCC lets readers and writers proceed together, and write_delay=false syncs every commit
     * so an acknowledged write survives a crash.
     */
    public static DatabaseConfig embedded(Path dataDir, int maxPoolSize) {
        String file = dataDir.toAbsolutePath()
                .normalize()
                .resolve("db")
                .resolve("hearth")
                .toString();
        return new DatabaseConfig(
                "jdbc:hsqldb:file:" + file
                        + ";hsqldb.default_table_type=cached;hsqldb.tx=mvcc;hsqldb.write_delay=false;hsqldb.lock_file=true",
                "SA",
                "",
                maxPoolSize);
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
