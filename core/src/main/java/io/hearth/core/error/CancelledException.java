package io.hearth.core.error;

/** The caller cancelled before its work was committed, so it was not. */
public final class CancelledException extends HearthException {
    public CancelledException() {
        super("the call was cancelled before the work was committed; nothing of it was saved");
    }

    @Override
    public Kind kind() {
        return Kind.CANCELLED;
    }

    @Override
    public ErrorReason errorReason() {
        return ErrorReason.CANCELLED;
    }
}
