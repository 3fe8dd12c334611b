package io.hearth.core.lead;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.LeadId;
import io.hearth.core.resource.Etags;
import java.time.Instant;

/**
 * A stored lead: its fields plus what the system keeps about it.
 *
 * @param mergedInto the resource name of the lead or contact this lead was merged into
 *     ({@code leads/...} or {@code contacts/...}; it is archived then), or {@code null}
 * @param possibleDuplicateOf the resource name of the person already in Hearth this inbound lead
 *     may be ({@code leads/...} or {@code contacts/...}), or {@code null}
 * @param archiveReason why the lead was archived when not by hand (e.g. "deleted in hubspot"), or
 *     {@code null}; only an archived lead has one
 */
public record Lead(
        LeadId id,
        LeadFields fields,
        Instant createdAt,
        Instant updatedAt,
        Instant archivedAt,
        long version,
        String mergedInto,
        String possibleDuplicateOf,
        String archiveReason) {

    public Lead {
        requireNonNull(id, "id is null");
        requireNonNull(fields, "fields is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        if (mergedInto != null && archivedAt == null) {
            throw new IllegalArgumentException("a merged lead is archived");
        }
        if (archiveReason != null && archivedAt == null) {
            throw new IllegalArgumentException("only an archived lead has an archive reason");
        }
    }

    public Lead(
            LeadId id,
            LeadFields fields,
            Instant createdAt,
            Instant updatedAt,
            Instant archivedAt,
            long version,
            String mergedInto,
            String possibleDuplicateOf) {
        this(id, fields, createdAt, updatedAt, archivedAt, version, mergedInto, possibleDuplicateOf, null);
    }

    /** A lead never merged into another. */
    public Lead(LeadId id, LeadFields fields, Instant createdAt, Instant updatedAt, Instant archivedAt, long version) {
        this(id, fields, createdAt, updatedAt, archivedAt, version, null, null);
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

    /**
     * Where the lead stands in its life, as a rep reads it: {@link LeadStatus#MERGED} once merged,
     * {@link LeadStatus#ARCHIVED} while archived, else its pipeline status (new, contacted,
     * qualified, unqualified, converted), which a restore brings back.
     */
    public LeadStatus status() {
        if (mergedInto != null) {
            return LeadStatus.MERGED;
        }
        return archivedAt != null ? LeadStatus.ARCHIVED : fields.status();
    }

    /**
     * This lead with other fields, update time and version, keeping everything else it carries
     * (archive time, merge, possible duplicate): for writers outside this package, which must not
     * drop what they do not know about.
     */
    public Lead rewritten(LeadFields newFields, Instant newUpdatedAt, long newVersion) {
        return new Lead(
                id,
                newFields,
                createdAt,
                newUpdatedAt,
                archivedAt,
                newVersion,
                mergedInto,
                possibleDuplicateOf,
                archiveReason);
    }

    public Lead withChanges(LeadFields newFields, Instant now) {
        return new Lead(
                id, newFields, createdAt, now, archivedAt, version + 1, mergedInto, possibleDuplicateOf, archiveReason);
    }

    /** Archived by hand at {@code when}, or restored with {@code null}: either way without a reason. */
    public Lead withArchivedAt(Instant when, Instant now) {
        return new Lead(id, fields, createdAt, now, when, version + 1, mergedInto, possibleDuplicateOf, null);
    }

    /** Archived now for {@code reason}, e.g. because a CRM deleted the person's record. */
    public Lead archivedFor(String reason, Instant now) {
        requireNonNull(reason, "reason is null");
        return new Lead(id, fields, createdAt, now, now, version + 1, mergedInto, possibleDuplicateOf, reason);
    }

    public Lead withMergedInto(String survivor, Instant now) {
        return withMergedInto(survivor, archiveReason, now);
    }

    /** Archived as merged into {@code survivor}, for {@code reason} ({@code null} for a merge by hand). */
    public Lead withMergedInto(String survivor, String reason, Instant now) {
        return new Lead(
                id,
                fields,
                createdAt,
                now,
                archivedAt == null ? now : archivedAt,
                version + 1,
                survivor,
                possibleDuplicateOf,
                reason);
    }

    /** The same lead (same version) that may be {@code person}, or no one known with {@code null}. */
    public Lead withPossibleDuplicateOf(String person) {
        return new Lead(id, fields, createdAt, updatedAt, archivedAt, version, mergedInto, person, archiveReason);
    }
}
