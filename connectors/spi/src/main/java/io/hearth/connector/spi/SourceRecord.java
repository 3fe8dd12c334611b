package io.hearth.connector.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One person as the source holds it, and what happened to it there.
 *
 * @param externalId the source's own id for the record (a CRM id, a "Record ID" column), or {@code null}
 *                   when the source has none; then Hearth matches on email, phone and name. Required for
 *                   {@link Change#DELETED} and {@link Change#MERGED}: only an id says which person went
 * @param modifiedAt when the source last changed it, or {@code null} when unknown (then it counts as now)
 * @param fields     the source's field names (column headers) to their text values, in source order;
 *                   usually empty for a deleted or merged record
 * @param position   where the record sits, for error messages: "row 17", "record 0031x00000AbC"
 * @param change     what the source says happened to the record; {@link Change#UPSERT} for a plain read
 * @param mergedInto the surviving record's external id when {@code change} is {@link Change#MERGED},
 *                   otherwise {@code null}
 */
public record SourceRecord(
        String externalId,
        Instant modifiedAt,
        Map<String, String> fields,
        String position,
        Change change,
        String mergedInto) {
    /**
     * What the source says happened. Files only ever know {@link #UPSERT}; a CRM also reports records
     * it deleted or merged into another, which Hearth archives (it never deletes people) or merges.
     */
    public enum Change {
        /** The record exists with these fields: create or update the person. */
        UPSERT,
        /** The source deleted the record. */
        DELETED,
        /** The source merged the record into the one named by {@code mergedInto}; it no longer exists alone. */
        MERGED
    }

    public SourceRecord {
        requireNonNull(fields, "fields is null");
        requireNonNull(position, "position is null");
        requireNonNull(change, "change is null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        if (change != Change.UPSERT && externalId == null) {
            throw new IllegalArgumentException("a " + change + " record needs its external id (" + position + ")");
        }
        if (change == Change.MERGED) {
            requireNonNull(mergedInto, "mergedInto is null for a MERGED record");
            if (mergedInto.equals(externalId)) {
                throw new IllegalArgumentException("record " + externalId + " cannot be merged into itself");
            }
        } else if (mergedInto != null) {
            throw new IllegalArgumentException("mergedInto is only for MERGED records, not " + change);
        }
    }

    /** A record as read: it exists with these fields. */
    public SourceRecord(String externalId, Instant modifiedAt, Map<String, String> fields, String position) {
        this(externalId, modifiedAt, fields, position, Change.UPSERT, null);
    }

    /** The source deleted the record with this id. */
    public static SourceRecord deleted(String externalId, Instant modifiedAt, String position) {
        return new SourceRecord(externalId, modifiedAt, Map.of(), position, Change.DELETED, null);
    }

    /** The source merged the record {@code externalId} into {@code survivorExternalId}. */
    public static SourceRecord merged(
            String externalId, String survivorExternalId, Instant modifiedAt, String position) {
        return new SourceRecord(externalId, modifiedAt, Map.of(), position, Change.MERGED, survivorExternalId);
    }
}
