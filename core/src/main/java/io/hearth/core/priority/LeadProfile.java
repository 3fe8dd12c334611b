package io.hearth.core.priority;

import static java.util.Objects.requireNonNull;

import io.hearth.core.lead.LeadId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything the work queue knows about a lead beyond its contact data: qualification, the rep's
 * override, speed-to-lead timing, touch activity, and the model's latest rating.
 *
 * @param override the rep's grade, or {@code null}
 * @param responseDeadline when an inbound lead's first touch is due, or {@code null}
 * @param ratingValidUntil when time alone can change the rating, or {@code null} if it cannot
 */
public record LeadProfile(
        LeadId leadId,
        Qualification qualification,
        TemperatureOverride override,
        Instant responseDeadline,
        Activity activity,
        TemperatureRating rating,
        Instant ratedAt,
        Instant ratingValidUntil) {

    public LeadProfile {
        requireNonNull(leadId, "leadId is null");
        requireNonNull(qualification, "qualification is null");
        requireNonNull(activity, "activity is null");
        requireNonNull(rating, "rating is null");
        requireNonNull(ratedAt, "ratedAt is null");
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
}
