package io.hearth.core.lead;

import static java.util.Objects.requireNonNull;

import io.hearth.core.resource.Etags;
import java.time.Instant;

/**
 * A stored lead: its fields plus what the system keeps about it.
 *
 * @param mergedInto the lead this one was merged into (it is archived then), or {@code null}
 */
public record Lead(
        LeadId id,
        LeadFields fields,
        Instant createdAt,
        Instant updatedAt,
        Instant archivedAt,
        long version,
        LeadId mergedInto) {

    public Lead {
        requireNonNull(id, "id is null");
        requireNonNull(fields, "fields is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        if (mergedInto != null && archivedAt == null) {
            throw new IllegalArgumentException("a merged lead is archived");
        }
    }

    /** A lead never merged into another. */
    public Lead(LeadId id, LeadFields fields, Instant createdAt, Instant updatedAt, Instant archivedAt, long version) {
        this(id, fields, createdAt, updatedAt, archivedAt, version, null);
    }

    public boolean archived() {
        return archivedAt != null;
    }

    /** Opaque to clients; changes on every write (AIP-154). */
    public String etag() {
        return Etags.of(version);
    }

    public String displayName() {
        return fields.displayName();
    }

    public boolean merged() {
        return mergedInto != null;
    }

    Lead withChanges(LeadFields newFields, Instant now) {
        return new Lead(id, newFields, createdAt, now, archivedAt, version + 1, mergedInto);
    }

    Lead withArchivedAt(Instant when, Instant now) {
        return new Lead(id, fields, createdAt, now, when, version + 1, mergedInto);
    }

    Lead withMergedInto(LeadId survivor, Instant now) {
        return new Lead(id, fields, createdAt, now, archivedAt == null ? now : archivedAt, version + 1, survivor);
    }
}
