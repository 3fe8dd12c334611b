package io.hearth.core.sync;

import io.hearth.core.query.Page;
import io.hearth.core.query.PageToken;
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

    /** By display name, then id; {@code after} is the last row of the previous page. */
    Page<Connection> list(int pageSize, Optional<PageToken> after, String fingerprint);
}
