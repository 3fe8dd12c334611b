package io.hearth.core.error;

import java.util.Optional;

/** Creating the resource would duplicate one that exists. */
public final class AlreadyExistsException extends HearthException {
    private final String reason;
    private final String existing;

    public AlreadyExistsException(String message) {
        this("ALREADY_EXISTS", message, null);
    }

    /**
     * @param reason a stable machine-readable reason, e.g. {@code DUPLICATE_PERSON}
     * @param existing the resource name of the one that exists, when the caller should be told it
     */
    public AlreadyExistsException(String reason, String message, String existing) {
        super(message);
        this.reason = reason;
        this.existing = existing;
    }

    @Override
    public Kind kind() {
        return Kind.ALREADY_EXISTS;
    }

    @Override
    public String reason() {
        return reason;
    }

    /** The resource name of the one that exists, e.g. {@code leads/0190c0d2-...}. */
    public Optional<String> existing() {
        return Optional.ofNullable(existing);
    }
}
