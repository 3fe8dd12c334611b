package io.hearth.core.persistence;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.DatabaseUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.ConnectionProvider;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import org.jooq.exception.DataAccessException;

/**
 * Hands jOOQ the pool's connections; a pool that has none to give because the database cannot be
 * reached, or because every connection is in use (busy), raises {@link DatabaseUnavailableException}. When that happens as a transaction begins,
 * jOOQ still rolls it back, asking for a connection twice more: those ask again at once instead of
 * waiting out the connect timeout twice more (which tripled the time to answer).
 */
final class PoolConnections implements ConnectionProvider, TransactionListener {
    private final DataSource dataSource;
    private final ThreadLocal<Boolean> beginning = ThreadLocal.withInitial(() -> false);
    private final ThreadLocal<DatabaseUnavailableException> failedToBegin = new ThreadLocal<>();

    PoolConnections(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public Connection acquire() {
        DatabaseUnavailableException failed = failedToBegin.get();
        if (failed != null) {
            // a new instance each time: jOOQ adds this one as suppressed to the first
            throw failed.again();
        }
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            if (!DatabaseFailures.isUnavailable(e)) {
                throw new DataAccessException("cannot get a connection from the pool", e);
            }
            DatabaseUnavailableException unavailable = DatabaseFailures.unavailable(e);
            if (beginning.get()) {
                failedToBegin.set(unavailable);
            }
            throw unavailable;
        }
    }

    @Override
    public void release(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            throw DatabaseFailures.translate(new DataAccessException("cannot return a connection to the pool", e));
        }
    }

    @Override
    public void beginStart(TransactionContext ctx) {
        failedToBegin.remove();
        beginning.set(true);
    }

    @Override
    public void beginEnd(TransactionContext ctx) {
        beginning.remove();
    }

    @Override
    public void rollbackEnd(TransactionContext ctx) {
        failedToBegin.remove();
    }

    @Override
    public void commitEnd(TransactionContext ctx) {
        failedToBegin.remove();
    }
}
