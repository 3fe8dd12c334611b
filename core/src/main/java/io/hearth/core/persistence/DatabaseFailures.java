package io.hearth.core.persistence;

import io.hearth.core.error.DatabaseUnavailableException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Tells a database that cannot be reached from every other failure, and turns it into
 * {@link DatabaseUnavailableException}, which callers are told to retry. Unreachable means: SQLState
 * class 08 (connection exception: refused, lost, closed), the pool finding no connection within the
 * connect timeout ({@link SQLTransientConnectionException}), a driver's connection exceptions
 * (PostgreSQL's and HSQLDB's carry class 08 too), and PostgreSQL shutting down or starting up
 * (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now).
 */
final class DatabaseFailures {
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");
    /** Causes are followed this deep at most, so a cyclic chain cannot loop. */
    private static final int MAX_DEPTH = 20;

    private DatabaseFailures() {}

    static boolean isUnavailable(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
            if (t instanceof DatabaseUnavailableException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_GOING_AWAY.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the pool gave up waiting for a connection while the database answered: the pool's
     * timeout carries the last failure to open a connection as its cause, and none when every
     * connection was merely in use (as {@link Database#isAvailable()} reads it too).
     */
    static boolean isPoolBusy(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException) {
                return t.getCause() == null;
            }
        }
        return false;
    }

    /** {@code failure} as {@link DatabaseUnavailableException} when the database is unreachable, else as it is. */
    static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof DatabaseUnavailableException || !isUnavailable(failure)) {
            return failure;
        }
        return unavailable(failure);
    }

    /** The refusal for a failure {@link #isUnavailable} found: busy when the pool only had no free connection. */
    static DatabaseUnavailableException unavailable(Throwable failure) {
        return isPoolBusy(failure)
                ? DatabaseUnavailableException.busy(failure)
                : new DatabaseUnavailableException(failure);
    }

    /** Translates the failures of statements run outside the {@link Transactor} (reads, mostly). */
    static final class Listener implements ExecuteListener {
        @Override
        public void exception(ExecuteContext ctx) {
            RuntimeException failure = ctx.exception();
            if (failure != null) {
                RuntimeException translated = translate(failure);
                if (translated != failure) {
                    ctx.exception(translated);
                }
            }
        }
    }
}
