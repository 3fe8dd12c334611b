package io.hearth.core.sync;

/** Where a sync run stands. */
public enum SyncState {
    RUNNING,
    SUCCEEDED,
    /** Stopped on a fatal connector error or after retries ran out; its error says why. */
    FAILED,
    /**
     * Its server stopped, or lost its lease, while it ran; its stored batches are kept, and the
     * next run of the same source resumes after them.
     */
    INTERRUPTED,
    /** Whoever started it cancelled it; its stored batches are kept, and the next run resumes after them. */
    CANCELLED
}
