package io.hearth.core.sync;

/** Where a sync run stands. */
public enum SyncState {
    RUNNING,
    SUCCEEDED,
    /** Stopped on a fatal connector error or after retries ran out; its error says why. */
    FAILED,
    /** The server stopped while it ran; the next run of the same source resumed from its cursor. */
    INTERRUPTED
}
