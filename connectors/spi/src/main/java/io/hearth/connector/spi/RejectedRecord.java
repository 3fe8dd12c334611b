package io.hearth.connector.spi;

import static java.util.Objects.requireNonNull;

/**
 * A record the source could not turn into fields (a ragged row, a broken quote). Reporting it
 * instead of failing keeps the good records of the same source flowing.
 *
 * @param position e.g. "row 17" or "row 17, column 4"
 * @param raw      the offending input as far as it could be read, possibly empty
 */
public record RejectedRecord(String position, String reason, String raw) {
    public RejectedRecord {
        requireNonNull(position, "position is null");
        requireNonNull(reason, "reason is null");
        raw = raw == null ? "" : raw;
    }
}
