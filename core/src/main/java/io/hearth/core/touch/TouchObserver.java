package io.hearth.core.touch;

/**
 * Keeps what derives from touches and follow-ups (a lead's rating and speed-to-lead response time,
 * a person's place in the work queue) in step with every write, inside the write's transaction.
 */
public interface TouchObserver {
    /** Called after {@code touch} was stored, before any conversion it causes. */
    void logged(Touch touch);

    /**
     * Called once the person's cadence or open follow-up may have changed (a follow-up scheduled,
     * completed or skipped; the cadence stopped or moved to drip), before any conversion it causes.
     */
    default void planChanged(PersonRef person) {}
}
