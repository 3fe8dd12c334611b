package io.hearth.core.sync;

import io.hearth.core.query.Page;
import io.hearth.core.query.PageToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Run records, their rejected records, and source cursors. Calls join the caller's transaction. */
public interface SyncRunStore {
    void insertRun(SyncRun run);

    void updateRun(SyncRun run);

    Optional<SyncRun> findRun(UUID id);

    /** Newest first. */
    Page<SyncRun> listRuns(int pageSize, Optional<PageToken> after, String fingerprint);

    /** Marks runs of this source still RUNNING as INTERRUPTED: their server stopped under them. */
    int interruptRunning(String connector, String sourceKey, Instant at);

    /** Appends rejections numbered from {@code firstSeq}. */
    void addRejections(UUID runId, long firstSeq, List<Rejection> rejections);

    /** Up to {@code limit} rejections from the {@code offset}-th (0-based), in the order they were met. */
    List<Rejection> rejections(UUID runId, long offset, int limit);

    Optional<String> findCursor(String connector, String sourceKey);

    void saveCursor(String connector, String sourceKey, String cursor, UUID runId, Instant at);

    void deleteCursor(String connector, String sourceKey);
}
