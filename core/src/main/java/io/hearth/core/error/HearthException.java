package io.hearth.core.error;

/**
 * Base of the domain's expected failures. Each subtype stands for one kind of
 * answer a caller gets (bad input, not found, conflict...), so the API edge maps
 * them in one place and the rules never know about transport status codes.
 */
public abstract class HearthException extends RuntimeException {
    protected HearthException(String message) {
        super(message);
    }

    /** A stable machine-readable reason, e.g. {@code LEAD_NOT_FOUND}. */
    public abstract String reason();
}
