package io.hearth.core.contact;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.resource.Etags;
import java.time.Instant;

/**
 * A stored contact: its fields plus what the system keeps about it.
 *
 * @param convertedFrom the lead it was converted from; {@code null} for a contact entered directly
 */
public record Contact(
        ContactId id,
        ContactFields fields,
        ContactOrigin origin,
        LeadId convertedFrom,
        Instant createdAt,
        Instant updatedAt,
        Instant archivedAt,
        long version) {

    public Contact {
        requireNonNull(id, "id is null");
        requireNonNull(fields, "fields is null");
        requireNonNull(origin, "origin is null");
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

    public Contact withChanges(ContactFields newFields, Instant now) {
        return new Contact(id, newFields, origin, convertedFrom, createdAt, now, archivedAt, version + 1);
    }

    public Contact withArchivedAt(Instant when, Instant now) {
        return new Contact(id, fields, origin, convertedFrom, createdAt, now, when, version + 1);
    }
}
