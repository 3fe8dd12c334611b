package io.hearth.core.lead;

import static java.util.Objects.requireNonNull;

import io.hearth.core.resource.Etags;
import java.time.Instant;

/** A stored lead: its fields plus what the system keeps about it. */
public record Lead(
        LeadId id,
        LeadFields fields,
        Instant createdAt,
        Instant updatedAt,
        Instant archivedAt,
        long version) {

    public Lead {
        requireNonNull(id, "id is null");
        requireNonNull(fields, "fields is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
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

    Lead withChanges(LeadFields newFields, Instant now) {
        return new Lead(id, newFields, createdAt, now, archivedAt, version + 1);
    }

    Lead withArchivedAt(Instant when, Instant now) {
        return new Lead(id, fields, createdAt, now, when, version + 1);
    }
}
