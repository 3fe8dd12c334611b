package io.hearth.core.sync;

import io.hearth.core.query.Page;
import io.hearth.core.query.PageToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Run records, their rejected records, and source cursors. Calls join the caller's transaction. */
public interface SyncRunStore {
    /** Stores a new RUNNING run holding a lease until {@code leaseUntil}. */
    void insertRun(SyncRun run, Instant leaseUntil);

    /** Stores a RUNNING run's progress. */
    void updateRun(SyncRun run);

    /** Stores how a run ended, unless it no longer runs (another server declared it abandoned). */
    boolean finishRun(SyncRun run);

    /** Extends a RUNNING run's lease; false when it no longer runs (another server declared it abandoned). */
    boolean renewLease(UUID runId, Instant until);

    Optional<SyncRun> findRun(UUID id);

    /** Newest first. */
    Page<SyncRun> listRuns(int pageSize, Optional<PageToken> after, String fingerprint);

    /** The runs of one source (a connection's), newest first. */
    Page<SyncRun> listRunsOf(String sourceKey, int pageSize, Optional<PageToken> after, String fingerprint);

    /**
     * Marks RUNNING runs INTERRUPTED with {@code error} and gives their sources back: those whose
     * lease ran out before {@code at}, or with {@code everyRunning} all of them (the embedded
     * database has one server, so at its start nothing else runs).
     *
     * @return how many runs were marked
     */
    int interruptAbandoned(Instant at, boolean everyRunning, String error);

    /** The run holding a source, if any. */
    Optional<UUID> sourceHolder(String connector, String sourceKey);

    /**
     * Gives a source to {@code runId} if it is still held by {@code previous} ({@code null}: held by
     * none). False when another run took it first; the database decides between two servers.
     */
    boolean takeSource(String connector, String sourceKey, UUID runId, UUID previous);

    /** Gives a source back, if {@code runId} still holds it. */
    void releaseSource(String connector, String sourceKey, UUID runId);

    /** Appends rejections numbered from {@code firstSeq}. */
    void addRejections(UUID runId, long firstSeq, List<Rejection> rejections);

    /** Up to {@code limit} rejections from the {@code offset}-th (0-based), in the order they were met. */
    List<Rejection> rejections(UUID runId, long offset, int limit);

    Optional<String> findCursor(String connector, String sourceKey);

    void saveCursor(String connector, String sourceKey, String cursor, UUID runId, Instant at);

    void deleteCursor(String connector, String sourceKey);
}
