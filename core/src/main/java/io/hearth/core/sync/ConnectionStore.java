package io.hearth.core.sync;

import io.hearth.core.query.Page;
import io.hearth.core.query.PageToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where connections are kept, with their settings. Reads fill in the cursor and last run from the
 * run records of the connection's source key. Calls join the caller's transaction when one is open.
 */
public interface ConnectionStore {
    /** Stores a new connection; false when another one already has its display name. */
    boolean insert(Connection connection);

    Optional<Connection> find(UUID id);

    Optional<Connection> findByDisplayName(String displayName);

    /**
     * Writes {@code connection} over the stored one if that is still at {@code expectedVersion}.
     *
     * @return false when the row moved on (someone else wrote it first)
     */
    boolean update(Connection connection, long expectedVersion);

    /** Deletes a connection and its settings; false when it was not there. */
    boolean delete(UUID id);

    /** Up to {@code limit} connections whose next scheduled run is due at {@code at}, the longest due first. */
    List<Connection> due(Instant at, int limit);

    /**
     * Moves a connection's next scheduled run from {@code due} to {@code next}, if it is still
     * {@code due}: of several servers taking one slot, exactly one gets true. Not an edit: the
     * version stays.
     */
    boolean takeSlot(UUID id, Instant due, Instant next);

    /** By display name, then id; {@code after} is the last row of the previous page. */
    Page<Connection> list(int pageSize, Optional<PageToken> after, String fingerprint);
}
