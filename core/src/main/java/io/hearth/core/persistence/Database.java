package io.hearth.core.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import io.hearth.core.diagnostics.FailureSummary;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.TransactionListener;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool, schema migrations and the jOOQ context for one database. The dialect follows
 * the JDBC URL, so the same stores run on HSQLDB and PostgreSQL.
 *
 * <p>A database that cannot be reached is answered within the connect timeout: statements and
 * transactions then fail with {@link io.hearth.core.error.DatabaseUnavailableException}, and the
 * pool recovers by itself once the database is back.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /**
     * PostgreSQL: the longest one read of a statement's answer may wait before the connection counts
     * as lost, so a server that vanished without closing the socket frees the call in a minute, not
     * in the quarter of an hour TCP takes to give up. Hearth's statements are index walks and batches
     * of a thousand rows; migrations, which may build an index on a large table, run without it.
     * {@code socketTimeout=N} in the URL overrides it (0: none).
     */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
    /**
     * HSQLDB: the idle prepared statements each pool connection keeps ({@link StatementCache}); the
     * least recently used beyond it is closed.
     */
    static final int STATEMENTS_PER_CONNECTION = 250;

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;
    /** Whether closing this handle closes the pool: not for the handles {@link #sharingPool()} makes. */
    private final boolean ownsPool;

    private final DSLContext dsl;

    private Database(DatabaseConfig config, HikariDataSource dataSource, boolean ownsPool) {
        this.config = config;
        this.dataSource = dataSource;
        this.ownsPool = ownsPool;
        SQLDialect dialect = config.kind() == DatabaseConfig.Kind.POSTGRESQL ? SQLDialect.POSTGRES : SQLDialect.HSQLDB;
        // Unquoted names: each database folds them its own way (PostgreSQL lower, HSQLDB upper), which
        // matches how the unquoted names in the Flyway scripts were created.
        Settings settings =
                new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER).withExecuteLogging(false);
        // Thread-bound transactions: stores use this context and join whatever transaction the
        // Transactor opened on the calling thread.
        PoolConnections connections = new PoolConnections(dataSource);
        this.dsl = DSL.using(new DefaultConfiguration()
                .set(dialect)
                .set(settings)
                .set(new ThreadLocalTransactionProvider(connections))
                .set((TransactionListener) connections)
                .set(new DatabaseFailures.Listener()));
    }

    /** What opening a database does with its schema. */
    public enum SchemaPolicy {
        /** Applies pending migrations first: the default, and what a single server wants. */
        MIGRATE,
        /**
         * Refuses a database with pending migrations ({@link SchemaBehindException}) and changes
         * nothing: for servers started with {@code --no-migrate} while an operator migrates once.
         */
        REQUIRE_CURRENT
    }

    /** Opens the pool and brings the schema up to date. */
    public static Database open(DatabaseConfig config) {
        return open(config, null);
    }

    /** Opens the pool, reporting to {@code poolMetrics} (see below), and brings the schema up to date. */
    public static Database open(DatabaseConfig config, Object poolMetrics) {
        return open(config, poolMetrics, SchemaPolicy.MIGRATE);
    }

    /**
     * Opens the pool, reporting to {@code poolMetrics}, and treats the schema as {@code schema} says.
     *
     * @param poolMetrics a Micrometer {@code MeterRegistry} the pool reports its connections and
     *     waits to (HikariCP's own metrics), or null for none; an {@code Object} so that core does
     *     not depend on a metrics library
     */
    public static Database open(DatabaseConfig config, Object poolMetrics, SchemaPolicy schema) {
        HikariConfig hikari = new HikariConfig();
        if (poolMetrics != null) {
            hikari.setMetricRegistry(poolMetrics);
        }
        if (config.kind() == DatabaseConfig.Kind.HSQLDB) {
            // HSQLDB compiles every prepareStatement anew: each connection keeps its statements
            hikari.setDataSource(StatementCache.caching(
                    new DriverDataSource(config.url(), null, new Properties(), config.user(), config.password()),
                    STATEMENTS_PER_CONNECTION));
        } else {
            hikari.setJdbcUrl(config.url());
            hikari.setUsername(config.user());
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(config.maxPoolSize());
        hikari.setPoolName("hearth-db");
        // how long a call waits for a connection before it is answered that the database is unavailable
        hikari.setConnectionTimeout(config.connectTimeout().toMillis());
        if (config.kind() == DatabaseConfig.Kind.POSTGRESQL) {
            // sends a JDBC batch of inserts as multi-row INSERTs: imports write a thousand rows at a time
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
            // checking an idle connection before handing it out takes at most half the connect timeout
            // (HSQLDB's driver cannot bound it: a lost connection to it fails at once anyway)
            hikari.setValidationTimeout(
                    Math.min(5_000, Math.max(250, config.connectTimeout().toMillis() / 2)));
            // a server that does not answer the connect (seconds, rounded up) or a read (see
            // SOCKET_TIMEOUT) counts as unreachable; keep-alive probes notice idle connections that died
            hikari.addDataSourceProperty(
                    "connectTimeout",
                    Long.toString(Math.max(1, (config.connectTimeout().toMillis() + 999) / 1000)));
            hikari.addDataSourceProperty("socketTimeout", Long.toString(SOCKET_TIMEOUT.toSeconds()));
            hikari.addDataSourceProperty("tcpKeepAlive", "true");
        }
        HikariDataSource dataSource = new HikariDataSource(hikari);
        try {
            if (schema == SchemaPolicy.MIGRATE) {
                SchemaMigrations.migrate(config);
            } else {
                SchemaMigrations.Status status = SchemaMigrations.status(config);
                if (!status.upToDate()) {
                    throw new SchemaBehindException(status);
                }
            }
            return new Database(config, dataSource, true);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    public DSLContext dsl() {
        return dsl;
    }

    /**
     * Another handle on this database's pool, with a jOOQ configuration of its own (a listener added
     * to one handle stays with it); closing the handle leaves the pool open. For the test databases,
     * which lend one migrated database to test after test: a pool of its own and Flyway finding the
     * schema current cost each PostgreSQL test about 0.1 s, and each HSQLDB test 0.01 s.
     */
    Database sharingPool() {
        return new Database(config, dataSource, false);
    }

    /** How many of the pool's connections are handed out now. */
    int connectionsInUse() {
        return dataSource.getHikariPoolMXBean().getActiveConnections();
    }

    /** The newest migration applied to this database (e.g. {@code 17}), as Flyway's history records it. */
    public String schemaVersion() {
        var current = Flyway.configure()
                .dataSource(dataSource)
                .locations(SchemaMigrations.LOCATION)
                .load()
                .info()
                .current();
        return current == null ? "none" : current.getVersion().getVersion();
    }

    /**
     * What the database server's settings get wrong for Hearth, one sentence each, for the server to
     * log at start ({@link PostgresSettings}); empty for HSQLDB, and when the check itself fails.
     */
    public List<String> settingsWarnings() {
        if (config.kind() != DatabaseConfig.Kind.POSTGRESQL) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection()) {
            return PostgresSettings.warnings(connection);
        } catch (SQLException e) {
            log.debug("could not read PostgreSQL's settings: {}", FailureSummary.of(e));
            return List.of();
        }
    }

    public DatabaseConfig config() {
        return config;
    }

    /**
     * Whether the database answers now: a pool connection that passes {@link Connection#isValid}.
     * Takes at most about the connect timeout when it does not. A pool with every connection in use
     * and none failing to open counts as available: it is busy, not cut off.
     */
    public boolean isAvailable() {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid((int) Math.max(1, config.connectTimeout().toSeconds()))) {
                return true;
            }
            dataSource.evictConnection(connection);
            return false;
        } catch (SQLException e) {
            return e instanceof SQLTransientConnectionException && e.getCause() == null;
        }
    }

    /**
     * Shuts an HSQLDB database down cleanly when no pool holds it (a tool that only ran migrations):
     * the file is checkpointed and its lock released. Nothing for PostgreSQL; never throws.
     */
    public static void shutdownEmbedded(DatabaseConfig config) {
        if (config.kind() != DatabaseConfig.Kind.HSQLDB) {
            return;
        }
        try (Connection connection = java.sql.DriverManager.getConnection(
                        config.url() + ";ifexists=true", config.user(), config.password());
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            log.debug("HSQLDB shutdown after migrating: {}", FailureSummary.of(e));
        }
    }

    @Override
    public void close() {
        if (!ownsPool) {
            return;
        }
        if (config.kind() == DatabaseConfig.Kind.HSQLDB && !config.url().startsWith("jdbc:hsqldb:mem:")) {
            // A clean SHUTDOWN checkpoints the file database, so the next start need not replay the log.
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (SQLException e) {
                log.warn(
                        "HSQLDB shutdown did not complete cleanly; the next start replays its log: {}",
                        FailureSummary.of(e));
                log.debug("HSQLDB shutdown failed", e);
            }
        }
        dataSource.close();
    }
}
