package io.hearth.core.sync;

import static java.util.Objects.requireNonNull;

import io.hearth.core.resource.Etags;
import io.hearth.core.resource.ResourceNames;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A configured sync stored in Hearth: a connector, its settings (secrets only as references), when
 * it runs and which way. Its runs use the source key {@link #sourceKey()}, so its cursor and last
 * run are the run machinery's, shown here as read.
 *
 * @param nextRunAt when its next scheduled run is due; {@code null} when it runs only by hand or is disabled
 * @param cursor  where its next run resumes; {@code null} before its first stored batch (read only)
 * @param lastRun its newest run; {@code null} before its first run (read only)
 */
public record Connection(
        UUID id,
        ConnectionFields fields,
        Instant createdAt,
        Instant updatedAt,
        long version,
        Instant nextRunAt,
        String cursor,
        UUID lastRun) {
    public static final String COLLECTION = "connections/";

    public Connection {
        requireNonNull(id, "id is null");
        requireNonNull(fields, "fields is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    /** The id in a resource name {@code connections/{id}}, naming {@code field} when the name is bad. */
    public static UUID idFromName(String name, String field) {
        return ResourceNames.parse(name, COLLECTION, "connection", field);
    }

    public static String nameOf(UUID id) {
        return COLLECTION + id;
    }

    public String name() {
        return nameOf(id);
    }

    public String etag() {
        return Etags.of(version);
    }

    /** The source its runs sync: its cursor and its one-run-at-a-time claim are kept under this key. */
    public String sourceKey() {
        return name();
    }

    /**
     * With new fields, as of {@code at}. A new schedule, or enabling, starts counting from
     * {@code at}; otherwise the next scheduled run stays when it was.
     */
    public Connection rewritten(ConnectionFields next, Instant at) {
        boolean rescheduled = !next.schedule().equals(fields.schedule()) || next.enabled() != fields.enabled();
        Instant nextRun = rescheduled ? firstRunAfter(next, at) : nextRunAt;
        return new Connection(id, next, createdAt, at, version + 1, nextRun, cursor, lastRun);
    }

    /** When a connection with {@code fields} stored at {@code at} first runs by itself; {@code null}: never. */
    public static Instant firstRunAfter(ConnectionFields fields, Instant at) {
        return fields.enabled() ? fields.schedule().interval().map(at::plus).orElse(null) : null;
    }

    public Optional<String> cursorValue() {
        return Optional.ofNullable(cursor);
    }
}
