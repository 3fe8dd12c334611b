package io.hearth.core.priority;

import static java.util.Objects.requireNonNull;

import io.hearth.core.lead.Lead;
import io.hearth.core.lead.SyncedLead;
import io.hearth.core.lead.Temperature;
import java.time.Instant;
import java.util.List;

/**
 * The rating of one lead as a pure function: its profile rated afresh by the temperature model,
 * valid until time alone would change it (decay, a need date drawing near) or its response deadline
 * needs checking. Stores nothing.
 */
public final class LeadRater {
    private final TemperatureModel model;
    private final SpeedToLeadPolicy speedToLead;

    public LeadRater(TemperatureModel model, SpeedToLeadPolicy speedToLead) {
        this.model = requireNonNull(model, "model is null");
        this.speedToLead = requireNonNull(speedToLead, "speedToLead is null");
    }

    public SpeedToLeadPolicy speedToLead() {
        return speedToLead;
    }

    /** The profile rated afresh at {@code now}, not stored. */
    public LeadProfile rated(Lead lead, LeadProfile profile, Instant now) {
        LeadSignals signals = signals(lead, profile);
        TemperatureRating rating = model.rate(signals);
        Instant validUntil = earliest(
                model.validUntil(signals),
                speedToLead
                        .checkAfter(
                                profile.responseDeadline(), profile.activity().firstTouchAt(), now)
                        .orElse(null));
        return profile.withRating(rating, now, validUntil);
    }

    /** The first profile of a lead made by hand: its source's response deadline runs from its creation. */
    public LeadProfile newProfile(Lead lead, Instant now) {
        return newProfile(
                lead,
                speedToLead.deadline(lead.fields().source(), lead.createdAt()).orElse(null),
                now);
    }

    public LeadProfile newProfile(Lead lead, Instant responseDeadline, Instant now) {
        TemperatureRating unrated = new TemperatureRating(Temperature.COLD, false, 0, List.of("not rated yet"));
        return new LeadProfile(
                lead.id(), Qualification.NONE, null, responseDeadline, Activity.NONE, unrated, now, null, 0, 1);
    }

    /**
     * A synced lead gets a speed-to-lead deadline only when its source says when the person asked
     * and that deadline is still ahead: a spreadsheet of last month's web leads is not a queue of
     * fresh inquiries.
     */
    public Instant syncedDeadline(SyncedLead synced, Instant now) {
        return synced.inquiredAt() == null
                ? null
                : speedToLead
                        .deadline(synced.lead().fields().source(), synced.inquiredAt())
                        .filter(deadline -> deadline.isAfter(now))
                        .orElse(null);
    }

    private static LeadSignals signals(Lead lead, LeadProfile profile) {
        Qualification q = profile.qualification();
        Activity a = profile.activity();
        return new LeadSignals(
                lead.fields().source(),
                q.referral(),
                q.needBy(),
                q.bant(),
                q.leadLevel(),
                lead.createdAt(),
                a.lastTouchAt(),
                a.lastConversationAt(),
                a.lastPositiveAt(),
                a.nextMeetingAt());
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
