package io.hearth.core.error;

/** The request is well-formed but the resource's state forbids it (a business rule says no). */
public final class FailedPreconditionException extends HearthException {
    private final String reason;

    public FailedPreconditionException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    @Override
    public Kind kind() {
        return Kind.FAILED_PRECONDITION;
    }

    @Override
    public String reason() {
        return reason;
    }
}
