package io.hearth.core.error;

/**
 * Base of the domain's expected failures. Each subtype stands for one kind of
 * answer a caller gets (bad input, not found, conflict...), so the API edge maps
 * them in one place and the rules never know about transport status codes. The
 * hierarchy is sealed and every subtype names its {@link Kind}, so that mapping
 * is exhaustive: a new kind of failure does not compile until the edge answers it.
 */
public abstract sealed class HearthException extends RuntimeException
        permits AlreadyExistsException,
                CancelledException,
                DatabaseUnavailableException,
                DeadlineExceededException,
                FailedPreconditionException,
                InvalidArgumentException,
                NotFoundException,
                PermissionDeniedException,
                ResourceExhaustedException,
                StaleEtagException,
                UnauthenticatedException {

    /** The kinds of answer a caller gets for a failure, one per subtype. */
    public enum Kind {
        /** The input is malformed ({@link InvalidArgumentException}). */
        INVALID_ARGUMENT,
        /** The named resource does not exist ({@link NotFoundException}). */
        NOT_FOUND,
        /** Creating it would duplicate one that exists ({@link AlreadyExistsException}). */
        ALREADY_EXISTS,
        /** A stale etag or a concurrent write ({@link StaleEtagException}). */
        ABORTED,
        /** A business rule forbids it in the resource's state ({@link FailedPreconditionException}). */
        FAILED_PRECONDITION,
        /** The caller may not do this ({@link PermissionDeniedException}). */
        PERMISSION_DENIED,
        /** The call carries no valid credentials ({@link UnauthenticatedException}). */
        UNAUTHENTICATED,
        /** Over a limit the server sets ({@link ResourceExhaustedException}). */
        RESOURCE_EXHAUSTED,
        /** The database cannot be reached; retry ({@link DatabaseUnavailableException}). */
        UNAVAILABLE,
        /** The caller's deadline passed first ({@link DeadlineExceededException}). */
        DEADLINE_EXCEEDED,
        /** The caller cancelled first ({@link CancelledException}). */
        CANCELLED
    }

    protected HearthException(String message) {
        super(message);
    }

    /** The stable machine-readable reason sent as {@code ErrorInfo.reason}, e.g. {@code LEAD_ARCHIVED}. */
    public abstract ErrorReason errorReason();

    /** {@link #errorReason()}'s name, as sent. */
    public final String reason() {
        return errorReason().name();
    }

    /** Which kind of answer this failure is. */
    public abstract Kind kind();
}
