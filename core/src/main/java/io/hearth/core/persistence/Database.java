package io.hearth.core.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hearth.core.error.FailureSummary;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool, schema migrations and the jOOQ context for one database. The dialect follows
 * the JDBC URL, so the same stores run on HSQLDB and PostgreSQL.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;
    private final DSLContext dsl;

    private Database(DatabaseConfig config, HikariDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        SQLDialect dialect = config.kind() == DatabaseConfig.Kind.POSTGRESQL ? SQLDialect.POSTGRES : SQLDialect.HSQLDB;
        // Unquoted names: each database folds them its own way (PostgreSQL lower, HSQLDB upper), which
        // matches how the unquoted names in the Flyway scripts were created.
        Settings settings = new Settings()
                .withRenderQuotedNames(RenderQuotedNames.NEVER)
                .withExecuteLogging(false);
        // Thread-bound transactions: stores use this context and join whatever transaction the
        // Transactor opened on the calling thread.
        this.dsl = DSL.using(new DefaultConfiguration()
                .set(dialect)
                .set(settings)
                .set(new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(dataSource))));
    }

    /** Opens the pool and brings the schema up to date. */
    public static Database open(DatabaseConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.maxPoolSize());
        hikari.setPoolName("hearth-db");
        if (config.kind() == DatabaseConfig.Kind.POSTGRESQL) {
            // sends a JDBC batch of inserts as multi-row INSERTs: imports write a thousand rows at a time
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        HikariDataSource dataSource = new HikariDataSource(hikari);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            return new Database(config, dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    public DSLContext dsl() {
        return dsl;
    }

    public DatabaseConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (config.kind() == DatabaseConfig.Kind.HSQLDB && !config.url().startsWith("jdbc:hsqldb:mem:")) {
            // A clean SHUTDOWN checkpoints the file database, so the next start need not replay the log.
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (SQLException e) {
                log.warn("HSQLDB shutdown did not complete cleanly; the next start replays its log: {}",
                        FailureSummary.of(e));
                log.debug("HSQLDB shutdown failed", e);
            }
        }
        dataSource.close();
    }
}
