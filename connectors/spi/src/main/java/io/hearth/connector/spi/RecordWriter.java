package io.hearth.connector.spi;

import java.util.List;

/** Writes people to a destination; closing it finishes the output (flushes a file). */
public interface RecordWriter extends AutoCloseable {
    /** One result per person, in order; a person the destination refused does not stop the others. */
    List<WriteResult> write(List<OutgoingPerson> people);

    /**
     * Writes touches as the destination's activities. Only writers of connectors with
     * {@link Capability#WRITE_TOUCHES} override this.
     *
     * <p>The contract: one {@link WriteResult} per touch, in order, whose {@code hearthId} is the
     * {@link OutgoingTouch#touchId()} and whose {@code externalId} is the activity's id in the
     * destination. A touch the destination refused is a {@link WriteResult#failed} result and does not
     * stop the others. Writing is idempotent: a touch already present at the destination (because an
     * earlier write of it succeeded but its result was lost, and Hearth retries) is answered
     * {@link WriteResult#written} with the existing activity's id, never created a second time. The
     * writer finds it by the touch id, which it stores with the activity (e.g. in a unique property).
     *
     * @throws RetriableConnectorException when trying again later may succeed; Hearth then retries the
     *                                     same touches, relying on the idempotency above
     * @throws FatalConnectorException     when it cannot (e.g. the credentials lack the needed scope)
     */
    default List<WriteResult> writeTouches(List<OutgoingTouch> touches) {
        throw new UnsupportedOperationException("this writer cannot write touches");
    }

    @Override
    void close();
}
