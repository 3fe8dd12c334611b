package io.hearth.core.touch;

/**
 * Keeps what derives from touches (a lead's rating and speed-to-lead response time) in step with
 * every logged touch, inside the touch's transaction.
 */
public interface TouchObserver {
    /** Called after {@code touch} was stored, before any conversion it causes. */
    void logged(Touch touch);

    /** Called after a person's cadence changed state (stopped, moved to drip), in the same transaction. */
    default void cadenceMoved(Cadence cadence) {
    }
}
