package io.hearth.core.error;

/** The request is over a limit the server sets (an upload's size, say); the message names the limit. */
public final class ResourceExhaustedException extends HearthException {
    private final ErrorReason reason;

    public ResourceExhaustedException(ErrorReason reason, String message) {
        super(message);
        this.reason = reason.requireKind(Kind.RESOURCE_EXHAUSTED);
    }

    @Override
    public Kind kind() {
        return Kind.RESOURCE_EXHAUSTED;
    }

    @Override
    public ErrorReason errorReason() {
        return reason;
    }
}
