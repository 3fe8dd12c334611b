package io.hearth.connector.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One person as the source holds it.
 *
 * @param externalId the source's own id for the record (a CRM id, a "Record ID" column), or {@code null}
 *                   when the source has none; then Hearth matches on email, phone and name
 * @param modifiedAt when the source last changed it, or {@code null} when unknown (then it counts as now)
 * @param fields     the source's field names (column headers) to their text values, in source order
 * @param position   where the record sits, for error messages: "row 17", "record 0031x00000AbC"
 */
public record SourceRecord(String externalId, Instant modifiedAt, Map<String, String> fields, String position) {
    public SourceRecord {
        requireNonNull(fields, "fields is null");
        requireNonNull(position, "position is null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
