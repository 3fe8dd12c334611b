package io.hearth.core.error;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.StringJoiner;
import org.jooq.exception.DataAccessException;

/**
 * A one-line description of an unexpected failure that is safe for an error log: the exception
 * classes from the outermost to the root cause, the SQLState and vendor code of a database error,
 * and where in Hearth it was thrown. Database failures carry the SQL text in jOOQ's message and
 * parameter values (a person's email, a 300 KB filter's clauses) in the driver's, so when the chain
 * holds one, no message text is shown at all; other messages are shown as a short excerpt. The
 * whole exception belongs at DEBUG, if anywhere.
 */
public final class FailureSummary {
    private static final int MAX_MESSAGE = 200;
    private static final int MAX_CHAIN = 8;

    private FailureSummary() {}

    public static String of(Throwable failure) {
        boolean database = fromDatabase(failure);
        StringJoiner chain = new StringJoiner(" <- ");
        String sqlState = null;
        int vendorCode = 0;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t) && seen.size() <= MAX_CHAIN; t = t.getCause()) {
            String link = t.getClass().getName();
            if (!database && t.getMessage() != null) {
                link += ": " + Excerpts.of(t.getMessage(), MAX_MESSAGE);
            }
            chain.add(link);
            if (t instanceof SQLException sql && sqlState == null && sql.getSQLState() != null) {
                sqlState = sql.getSQLState();
                vendorCode = sql.getErrorCode();
            }
        }
        StringBuilder summary = new StringBuilder(chain.toString());
        if (sqlState != null) {
            summary.append(" [SQLState ")
                    .append(sqlState)
                    .append(", vendor code ")
                    .append(vendorCode)
                    .append(']');
        }
        StackTraceElement origin = origin(failure);
        if (origin != null) {
            summary.append(" at ").append(origin);
        }
        return summary.toString();
    }

    /** Whether any exception in the chain comes from the database layer and may quote SQL or its values. */
    private static boolean fromDatabase(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException || t instanceof DataAccessException) {
                return true;
            }
        }
        return false;
    }

    /** The innermost Hearth frame of the outermost exception: where Hearth's own code met the failure. */
    private static StackTraceElement origin(Throwable failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().startsWith("io.hearth.")) {
                return frame;
            }
        }
        return null;
    }
}
