package io.hearth.core.priority;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.LeadSource;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Speed to lead: an inbound lead has a very short shelf life, so it gets a response deadline
 * (5 minutes by default: calling within 5 minutes makes qualifying 4x likelier than at 5-10
 * minutes and 21x likelier than after 30).
 *
 * @param inboundSources sources that start the clock
 * @param responseWindow time from arrival to the first touch
 * @param warnBefore how long before the deadline a lead counts as about to miss it, and is escalated
 */
public record SpeedToLeadPolicy(Set<LeadSource> inboundSources, Duration responseWindow, Duration warnBefore) {
    public static final SpeedToLeadPolicy DEFAULT =
            new SpeedToLeadPolicy(EnumSet.of(LeadSource.WEB_FORM), Duration.ofMinutes(5), Duration.ofMinutes(1));
    /** The finest time step the databases keep: a deadline has passed one step after it. */
    private static final Duration JUST_AFTER = Duration.ofNanos(1_000);

    public SpeedToLeadPolicy {
        inboundSources = Set.copyOf(requireNonNull(inboundSources, "inboundSources is null"));
        if (responseWindow.isNegative() || responseWindow.isZero()) {
            throw new IllegalArgumentException("responseWindow must be positive, got " + responseWindow);
        }
        if (warnBefore.isNegative() || warnBefore.compareTo(responseWindow) > 0) {
            throw new IllegalArgumentException("warnBefore must be between 0 and the response window");
        }
    }

    /** When the first touch is due, for a lead from {@code source} that arrived at {@code arrivedAt}. */
    public Optional<Instant> deadline(LeadSource source, Instant arrivedAt) {
        return inboundSources.contains(source) ? Optional.of(arrivedAt.plus(responseWindow)) : Optional.empty();
    }

    /**
     * Whether a lead missed its deadline: the deadline passed before the first touch, or passed
     * with no touch yet. A lead archived by its deadline (spam, a duplicate) had nothing to answer.
     *
     * @param firstTouchAt when the first touch happened, or {@code null} if none yet
     * @param archivedAt when the lead was archived, or {@code null}
     */
    public boolean missed(Instant deadline, Instant firstTouchAt, Instant archivedAt, Instant now) {
        if (archivedAt != null && !archivedAt.isAfter(deadline)) {
            return false;
        }
        return (firstTouchAt != null ? firstTouchAt : now).isAfter(deadline);
    }

    /**
     * When to look at the lead again to record a miss: just after its deadline, while it waits for
     * its first touch with the deadline still ahead; otherwise empty (nothing to wait for).
     */
    public Optional<Instant> checkAfter(Instant deadline, Instant firstTouchAt, Instant now) {
        return deadline == null || firstTouchAt != null || now.isAfter(deadline)
                ? Optional.empty()
                : Optional.of(deadline.plus(JUST_AFTER));
    }

    /** Whether a lead still waiting for its first touch is about to miss (or missed) its deadline. */
    public boolean aboutToMiss(Instant deadline, Instant now) {
        return !now.isBefore(deadline.minus(warnBefore));
    }
}
