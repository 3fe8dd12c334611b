package io.hearth.core.error;

/**
 * The database could not be reached: a connection was refused or lost, or none came free within the
 * connect timeout. Worth retrying once it is back. A call refused this way did not commit, except
 * when the connection broke during the commit itself, where the outcome is unknown; creates with a
 * request id and writes with an etag are safe to repeat either way.
 */
public final class DatabaseUnavailableException extends HearthException {
    public static final String REASON = "DATABASE_UNAVAILABLE";
    public static final String MESSAGE = "the database is unavailable; retry";

    public DatabaseUnavailableException(Throwable cause) {
        super(MESSAGE);
        initCause(cause);
    }

    @Override
    public Kind kind() {
        return Kind.UNAVAILABLE;
    }

    @Override
    public String reason() {
        return REASON;
    }
}
