package io.hearth.core.error;

/** Creating the resource would duplicate one that exists. */
public final class AlreadyExistsException extends HearthException {
    public AlreadyExistsException(String message) {
        super(message);
    }

    @Override
    public String reason() {
        return "ALREADY_EXISTS";
    }
}
