package io.hearth.core.sync;

import io.hearth.core.person.Scope;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Run records, their rejected records, and source cursors. Calls join the caller's transaction. */
public interface SyncRunStore {
    /**
     * Stores a new RUNNING run holding a lease until {@code leaseUntil}.
     *
     * @param startedBy the user whose token started it; empty for a scheduled run or an open server's
     */
    void insertRun(SyncRun run, Instant leaseUntil, Optional<String> startedBy);

    /** Stores a RUNNING run's progress. */
    void updateRun(SyncRun run);

    /** Stores how a run ended, unless it no longer runs (another server declared it abandoned). */
    boolean finishRun(SyncRun run);

    /** Extends a RUNNING run's lease; false when it no longer runs (another server declared it abandoned). */
    boolean renewLease(UUID runId, Instant until);

    /** Runs and the records they moved, by connector and state, every run ever stored: for monitoring. */
    List<RunTotals> totals();

    /** The sum over the runs of one connector that stand in one state (dry runs included). */
    record RunTotals(String connector, SyncState state, long runs, SyncCounts records) {}

    default Optional<SyncRun> findRun(UUID id) {
        return findRun(id, Scope.EVERYONE);
    }

    /**
     * The run, if {@code scope} may read it: everyone's runs for an admin; for a manager those they
     * and the members of their team started (a run without a starter is an admin's), in the query.
     */
    Optional<SyncRun> findRun(UUID id, Scope scope);

    /** Newest first, those {@code scope} may read ({@link #findRun(UUID, Scope)}). */
    Page<SyncRun> listRuns(int pageSize, Optional<PageToken> after, String fingerprint, Scope scope);

    /** The runs of one source (a connection's) {@code scope} may read, newest first. */
    Page<SyncRun> listRunsOf(
            String sourceKey, int pageSize, Optional<PageToken> after, String fingerprint, Scope scope);

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
