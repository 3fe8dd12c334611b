package io.hearth.core.error;

/** The request is well-formed but the resource's state forbids it (a business rule says no). */
public final class FailedPreconditionException extends HearthException {
    private final ErrorReason reason;

    public FailedPreconditionException(ErrorReason reason, String message) {
        super(message);
        this.reason = reason.requireKind(Kind.FAILED_PRECONDITION);
    }

    @Override
    public Kind kind() {
        return Kind.FAILED_PRECONDITION;
    }

    @Override
    public ErrorReason errorReason() {
        return reason;
    }
}
