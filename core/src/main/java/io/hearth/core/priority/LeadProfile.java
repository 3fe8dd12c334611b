package io.hearth.core.priority;

import static java.util.Objects.requireNonNull;

import io.hearth.core.lead.LeadId;
import io.hearth.core.resource.Etags;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything the work queue knows about a lead beyond its contact data: qualification, the rep's
 * override, speed-to-lead timing, touch activity, and the model's latest rating.
 *
 * @param override the rep's grade, or {@code null}
 * @param responseDeadline when an inbound lead's first touch is due, or {@code null}
 * @param ratingValidUntil when time alone can change the rating (or a response deadline passes),
 *     or {@code null} if nothing ahead can
 * @param version the stored row's version, bumped on every write; 0 for a profile not stored yet
 * @param qualificationVersion bumped whenever the qualification changes; its etag
 */
public record LeadProfile(
        LeadId leadId,
        Qualification qualification,
        TemperatureOverride override,
        Instant responseDeadline,
        Activity activity,
        TemperatureRating rating,
        Instant ratedAt,
        Instant ratingValidUntil,
        long version,
        long qualificationVersion) {

    public LeadProfile {
        requireNonNull(leadId, "leadId is null");
        requireNonNull(qualification, "qualification is null");
        requireNonNull(activity, "activity is null");
        requireNonNull(rating, "rating is null");
        requireNonNull(ratedAt, "ratedAt is null");
        if (version < 0 || qualificationVersion < 1) {
            throw new IllegalArgumentException("versions start at 0 (row) and 1 (qualification)");
        }
    }

    /** The grade everyone works with: the rep's override if any, else the model's. */
    public Temperature temperature() {
        return override != null ? override.grade() : rating.grade();
    }

    /** Whether the lead still waits for its first touch under a speed-to-lead deadline. */
    public boolean awaitingFirstResponse() {
        return responseDeadline != null && activity.firstTouchAt() == null;
    }

    /** Arrival to first touch, for leads under a deadline that got one. */
    public Optional<Duration> responseTime(Instant arrivedAt) {
        return responseDeadline == null || activity.firstTouchAt() == null
                ? Optional.empty()
                : Optional.of(Duration.between(arrivedAt, activity.firstTouchAt()));
    }

    /** Opaque to clients; changes whenever the qualification does, and only then (AIP-154). */
    public String qualificationEtag() {
        return Etags.of(qualificationVersion);
    }

    /** With {@code next} as the qualification; a real change moves the qualification etag. */
    public LeadProfile withQualification(Qualification next) {
        long nextVersion = next.equals(qualification) ? qualificationVersion : qualificationVersion + 1;
        return new LeadProfile(
                leadId,
                next,
                override,
                responseDeadline,
                activity,
                rating,
                ratedAt,
                ratingValidUntil,
                version,
                nextVersion);
    }

    public LeadProfile withOverride(TemperatureOverride next) {
        return new LeadProfile(
                leadId,
                qualification,
                next,
                responseDeadline,
                activity,
                rating,
                ratedAt,
                ratingValidUntil,
                version,
                qualificationVersion);
    }

    public LeadProfile withActivity(Activity next) {
        return new LeadProfile(
                leadId,
                qualification,
                override,
                responseDeadline,
                next,
                rating,
                ratedAt,
                ratingValidUntil,
                version,
                qualificationVersion);
    }

    public LeadProfile withRating(TemperatureRating next, Instant at, Instant validUntil) {
        return new LeadProfile(
                leadId,
                qualification,
                override,
                responseDeadline,
                activity,
                next,
                at,
                validUntil,
                version,
                qualificationVersion);
    }

    /** The profile as stored by a successful write of this one. */
    public LeadProfile stored() {
        return new LeadProfile(
                leadId,
                qualification,
                override,
                responseDeadline,
                activity,
                rating,
                ratedAt,
                ratingValidUntil,
                version + 1,
                qualificationVersion);
    }
}
