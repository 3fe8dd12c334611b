package io.hearth.core.error;

/**
 * The database could not be reached: a connection was refused or lost, or none came free within the
 * connect timeout. Worth retrying once it is back. A call refused this way did not commit, except
 * when the connection broke during the commit itself, where the outcome is unknown; creates with a
 * request id and writes with an etag are safe to repeat either way.
 *
 * <p>A pool whose every connection is in use while the database answers is {@linkplain #busy()
 * busy}, not cut off: the call is refused the same way (retry), under its own reason, so that the
 * server's health does not report a database outage (and send callers elsewhere) because of load.
 */
public final class DatabaseUnavailableException extends HearthException {
    public static final String REASON = ErrorReason.DATABASE_UNAVAILABLE.name();
    public static final String MESSAGE = "the database is unavailable; retry";
    public static final String BUSY_REASON = ErrorReason.DATABASE_BUSY.name();
    public static final String BUSY_MESSAGE =
            "the server is busy: no database connection came free within the connect timeout; retry";

    private final boolean busy;

    public DatabaseUnavailableException(Throwable cause) {
        this(cause, false);
    }

    private DatabaseUnavailableException(Throwable cause, boolean busy) {
        super(busy ? BUSY_MESSAGE : MESSAGE);
        this.busy = busy;
        initCause(cause);
    }

    /** Every connection of the pool was in use for the whole connect timeout; the database answers. */
    public static DatabaseUnavailableException busy(Throwable cause) {
        return new DatabaseUnavailableException(cause, true);
    }

    /** The same refusal again, as a new instance (one may be added as suppressed to the other). */
    public DatabaseUnavailableException again() {
        return new DatabaseUnavailableException(getCause(), busy);
    }

    public boolean busy() {
        return busy;
    }

    @Override
    public Kind kind() {
        return Kind.UNAVAILABLE;
    }

    @Override
    public ErrorReason errorReason() {
        return busy ? ErrorReason.DATABASE_BUSY : ErrorReason.DATABASE_UNAVAILABLE;
    }
}
