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
 * @param archiveReason why the contact was archived when not by hand (e.g. "deleted in hubspot"), or
 *     {@code null}; only an archived contact has one
 * @param mergedInto the contact this one was merged into ({@code contacts/{id}}), or {@code null};
 *     only an archived contact has one
 */
public record Contact(
        ContactId id,
        ContactFields fields,
        ContactOrigin origin,
        LeadId convertedFrom,
        Instant createdAt,
        Instant updatedAt,
        Instant archivedAt,
        long version,
        String archiveReason,
        String mergedInto) {

    public Contact {
        requireNonNull(id, "id is null");
        requireNonNull(fields, "fields is null");
        requireNonNull(origin, "origin is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        if (archiveReason != null && archivedAt == null) {
            throw new IllegalArgumentException("only an archived contact has an archive reason");
        }
        if (mergedInto != null && archivedAt == null) {
            throw new IllegalArgumentException("only an archived contact is merged into another");
        }
    }

    public Contact(
            ContactId id,
            ContactFields fields,
            ContactOrigin origin,
            LeadId convertedFrom,
            Instant createdAt,
            Instant updatedAt,
            Instant archivedAt,
            long version,
            String archiveReason) {
        this(id, fields, origin, convertedFrom, createdAt, updatedAt, archivedAt, version, archiveReason, null);
    }

    public Contact(
            ContactId id,
            ContactFields fields,
            ContactOrigin origin,
            LeadId convertedFrom,
            Instant createdAt,
            Instant updatedAt,
            Instant archivedAt,
            long version) {
        this(id, fields, origin, convertedFrom, createdAt, updatedAt, archivedAt, version, null, null);
    }

    public boolean archived() {
        return archivedAt != null;
    }

    /** Merged into another contact of the same person: archived for good, never restored. */
    public boolean merged() {
        return mergedInto != null;
    }

    /** Opaque to clients; changes on every write (AIP-154). */
    public String etag() {
        return Etags.of(version);
    }

    public String displayName() {
        return fields.displayName();
    }

    public Contact withChanges(ContactFields newFields, Instant now) {
        return new Contact(
                id,
                newFields,
                origin,
                convertedFrom,
                createdAt,
                now,
                archivedAt,
                version + 1,
                archiveReason,
                mergedInto);
    }

    /** Archived by hand at {@code when}, or restored with {@code null}: either way without a reason. */
    public Contact withArchivedAt(Instant when, Instant now) {
        return new Contact(id, fields, origin, convertedFrom, createdAt, now, when, version + 1, null);
    }

    /** Archived now as merged into {@code survivor} ({@code contacts/{id}}), keeping all its values. */
    public Contact mergedInto(String survivor, Instant now) {
        requireNonNull(survivor, "survivor is null");
        return new Contact(
                id,
                fields,
                origin,
                convertedFrom,
                createdAt,
                now,
                archived() ? archivedAt : now,
                version + 1,
                archiveReason,
                survivor);
    }

    /** Archived now for {@code reason}, e.g. because a CRM deleted the person's record. */
    public Contact archivedFor(String reason, Instant now) {
        requireNonNull(reason, "reason is null");
        return new Contact(id, fields, origin, convertedFrom, createdAt, now, now, version + 1, reason);
    }
}
