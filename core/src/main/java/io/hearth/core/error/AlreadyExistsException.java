package io.hearth.core.error;

import java.util.Optional;

/** Creating the resource would duplicate one that exists. */
public final class AlreadyExistsException extends HearthException {
    private final ErrorReason reason;
    private final String existing;

    public AlreadyExistsException(String message) {
        this(ErrorReason.ALREADY_EXISTS, message, null);
    }

    /**
     * @param reason a stable machine-readable reason, e.g. {@code DUPLICATE_PERSON}
     * @param existing the resource name of the one that exists, when the caller should be told it
     */
    public AlreadyExistsException(ErrorReason reason, String message, String existing) {
        super(message);
        this.reason = reason.requireKind(Kind.ALREADY_EXISTS);
        this.existing = existing;
    }

    @Override
    public Kind kind() {
        return Kind.ALREADY_EXISTS;
    }

    @Override
    public ErrorReason errorReason() {
        return reason;
    }

    /** The resource name of the one that exists, e.g. {@code leads/0190c0d2-...}. */
    public Optional<String> existing() {
        return Optional.ofNullable(existing);
    }
}
