package io.hearth.core.sync;

/** Hears a run's progress after every stored batch (progress bars, streamed gRPC answers). */
@FunctionalInterface
public interface SyncListener {
    SyncListener NONE = run -> { };

    void onProgress(SyncRun run);
}
