package io.hearth.connector.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What one read returned. Hearth stores {@code cursor} in the same transaction as the records, so
 * after a crash it reopens the reader at exactly this cursor (Kafka Connect's source offsets).
 *
 * @param cursor opaque to Hearth; what {@link Connector#openReader} needs to continue after this batch
 * @param last   true when the source has nothing after this batch
 */
public record Batch(List<SourceRecord> records, List<RejectedRecord> rejected, String cursor, boolean last) {
    public Batch {
        records = List.copyOf(requireNonNull(records, "records is null"));
        rejected = List.copyOf(requireNonNull(rejected, "rejected is null"));
        requireNonNull(cursor, "cursor is null");
    }
}
