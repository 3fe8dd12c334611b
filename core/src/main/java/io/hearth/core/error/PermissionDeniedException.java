package io.hearth.core.error;

/**
 * The caller may not do this: nobody may (e.g. read a file outside the server's import folder), or
 * not with the role its token has (e.g. a rep's token asking for token administration).
 */
public final class PermissionDeniedException extends HearthException {
    private final ErrorReason reason;

    public PermissionDeniedException(ErrorReason reason, String message) {
        super(message);
        this.reason = reason.requireKind(Kind.PERMISSION_DENIED);
    }

    @Override
    public Kind kind() {
        return Kind.PERMISSION_DENIED;
    }

    @Override
    public ErrorReason errorReason() {
        return reason;
    }
}
