package io.hearth.core.error;

/**
 * The caller's deadline passed before its work was committed, so it was not: a client that gave up
 * never finds its change made behind its back.
 */
public final class DeadlineExceededException extends HearthException {
    public DeadlineExceededException() {
        super("the deadline passed before the work was committed; nothing of it was saved");
    }

    @Override
    public Kind kind() {
        return Kind.DEADLINE_EXCEEDED;
    }

    @Override
    public ErrorReason errorReason() {
        return ErrorReason.DEADLINE_EXCEEDED;
    }
}
