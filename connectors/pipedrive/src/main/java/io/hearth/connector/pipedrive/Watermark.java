package io.hearth.connector.pipedrive;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How far one stream of Pipedrive records has been returned to Hearth, read in ascending order of
 * modification time: every record modified before {@code since}, and the records {@code ids} modified
 * exactly at {@code since}. Pipedrive's {@code updated_since} is inclusive and its times have whole
 * seconds, so the next query starts at {@code since} and skips {@code ids}: records modified in the same
 * second as the last one returned are neither lost nor returned twice.
 *
 * @param since {@code null} before anything was returned: then the stream is read from its beginning
 * @param ids   the ids returned at {@code since}, at most {@link #MAX_IDS}
 */
record Watermark(Instant since, Set<String> ids) {
    /**
     * The most ids kept for one second. More records than this modified within one second (a bulk
     * import) are returned again by the next read, which Hearth's matching turns into no-ops: a bounded
     * cursor matters more than a repeat.
     */
    static final int MAX_IDS = 1000;

    static final Watermark START = new Watermark(null, Set.of());

    Watermark {
        ids = Set.copyOf(ids);
        if (since == null && !ids.isEmpty()) {
            throw new IllegalArgumentException("ids without a time");
        }
    }

    static Watermark at(Instant since) {
        return new Watermark(since, Set.of());
    }

    /** Whether a record with this time and id has already been returned. */
    boolean covers(Instant modified, String id) {
        return since != null && (modified.isBefore(since) || modified.equals(since) && ids.contains(id));
    }

    /** The watermark once a record with this time and id has been returned too. */
    Watermark after(Instant modified, String id) {
        if (since == null || modified.isAfter(since)) {
            return new Watermark(modified, Set.of(id));
        }
        if (modified.isBefore(since) || ids.contains(id) || ids.size() >= MAX_IDS) {
            return this;
        }
        Set<String> more = new LinkedHashSet<>(ids);
        more.add(id);
        return new Watermark(since, more);
    }
}
