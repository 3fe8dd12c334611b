package io.hearth.core.error;

/**
 * The call carries no credentials this server accepts. An unknown, a revoked and an expired token
 * all get the same answer, so a caller cannot learn which tokens ever existed.
 */
public final class UnauthenticatedException extends HearthException {
    public static final String REASON = ErrorReason.UNAUTHENTICATED.name();

    public UnauthenticatedException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.UNAUTHENTICATED;
    }

    @Override
    public ErrorReason errorReason() {
        return ErrorReason.UNAUTHENTICATED;
    }
}
