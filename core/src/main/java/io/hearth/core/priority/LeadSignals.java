package io.hearth.core.priority;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.LeadSource;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What the temperature model looks at for one lead: how it came in, what the rep learned, and how
 * recently anything happened. Times are {@code null} when the thing never happened.
 *
 * @param needBy when the lead needs the product (its expected purchase date), if known
 * @param leadLevel 1 (a name only) to 6 (buying and considering us), 0 when not assessed
 * @param lastTouchAt the latest contact attempt of any outcome
 * @param lastConversationAt the latest touch in which the rep actually spoke or corresponded with them
 * @param lastPositiveAt the latest positive reply or booked meeting
 * @param nextMeetingAt a scheduled meeting or call still ahead
 */
public record LeadSignals(
        LeadSource source,
        ReferralKind referral,
        LocalDate needBy,
        Bant bant,
        int leadLevel,
        Instant createdAt,
        Instant lastTouchAt,
        Instant lastConversationAt,
        Instant lastPositiveAt,
        Instant nextMeetingAt) {

    public LeadSignals {
        requireNonNull(source, "source is null");
        requireNonNull(referral, "referral is null");
        requireNonNull(bant, "bant is null");
        requireNonNull(createdAt, "createdAt is null");
        if (leadLevel < 0 || leadLevel > 6) {
            throw new IllegalArgumentException("leadLevel must be 0 (unknown) to 6, got " + leadLevel);
        }
    }

    /** The latest sign of life: the last touch, reply or the lead's arrival. */
    public Instant lastActivityAt() {
        Instant latest = createdAt;
        for (Instant t : new Instant[] {lastTouchAt, lastConversationAt, lastPositiveAt}) {
            if (t != null && t.isAfter(latest)) {
                latest = t;
            }
        }
        return latest;
    }
}
