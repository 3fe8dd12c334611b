package io.hearth.core.sync;

/** Hears a run's progress after every stored batch (progress bars, streamed gRPC answers). */
@FunctionalInterface
public interface SyncListener {
    SyncListener NONE = run -> {};

    void onProgress(SyncRun run);

    /**
     * Whether whoever started the run has gone (the client cancelled the call, or its deadline
     * passed); asked between batches. The run then ends CANCELLED with its stored batches kept.
     */
    default boolean cancelled() {
        return false;
    }
}
