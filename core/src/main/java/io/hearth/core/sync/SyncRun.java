package io.hearth.core.sync;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import java.time.Instant;
import java.util.UUID;

/**
 * The record of one sync: what ran on which source, how far it got and what it did.
 *
 * @param sourceKey   identifies the source across runs, so a new run finds the cursor an interrupted one left
 * @param sourceLabel the connector config with secrets redacted, for people reading the run list
 */
public record SyncRun(
        UUID id,
        String connector,
        String sourceKey,
        String sourceLabel,
        SyncState state,
        boolean dryRun,
        Instant startedAt,
        Instant finishedAt,
        SyncCounts counts,
        String startCursor,
        String endCursor,
        String error) {

    public SyncRun {
        requireNonNull(id, "id is null");
        requireNonNull(connector, "connector is null");
        requireNonNull(sourceKey, "sourceKey is null");
        requireNonNull(sourceLabel, "sourceLabel is null");
        requireNonNull(state, "state is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(counts, "counts is null");
    }

    /** The collection of sync runs' resource names. */
    public static final String COLLECTION = "syncRuns/";

    /** The resource name, e.g. {@code syncRuns/0190...}. */
    public String name() {
        return COLLECTION + id;
    }

    /**
     * The id in a run's resource name {@code syncRuns/{run_id}}.
     *
     * @param field the request field the name came from, named when it is no run's name
     */
    public static UUID idFromName(String name, String field) {
        if (!name.startsWith(COLLECTION)) {
            throw InvalidArgumentException.of(field, "must be syncRuns/{run_id}, got " + Excerpts.quoted(name));
        }
        try {
            return UUID.fromString(name.substring(COLLECTION.length()));
        } catch (IllegalArgumentException e) {
            throw InvalidArgumentException.of(field, Excerpts.quoted(name) + " does not hold a valid run id");
        }
    }

    SyncRun progressed(SyncCounts batch, String cursor) {
        return new SyncRun(
                id,
                connector,
                sourceKey,
                sourceLabel,
                state,
                dryRun,
                startedAt,
                finishedAt,
                counts.plus(batch),
                startCursor,
                cursor,
                error);
    }

    SyncRun finished(SyncState finalState, Instant at, String failure) {
        return new SyncRun(
                id,
                connector,
                sourceKey,
                sourceLabel,
                finalState,
                dryRun,
                startedAt,
                at,
                counts,
                startCursor,
                endCursor,
                failure);
    }
}
