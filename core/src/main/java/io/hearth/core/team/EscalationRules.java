package io.hearth.core.team;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.LeadSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * When an inbound lead still waiting for its first touch is escalated, and what the escalation
 * says. A lead is escalated once {@code warnBefore} is left of its response window, and settled
 * (reassigned, when its team opted in) once the deadline passed. Leads whose deadline passed more
 * than {@link #STALE_AFTER} ago are left alone: a server that was down for a day does not wake the
 * team with yesterday's leads (their misses are in the speed-to-lead report).
 *
 * @param responseWindow the time from arrival to the first touch (5 minutes by default)
 * @param warnBefore how long before the deadline the lead is escalated (1 minute by default)
 */
public record EscalationRules(Duration responseWindow, Duration warnBefore) {
    public static final Duration DEFAULT_WARN_BEFORE = Duration.ofMinutes(1);
    public static final Duration STALE_AFTER = Duration.ofHours(1);

    public EscalationRules {
        requireNonNull(responseWindow, "responseWindow is null");
        requireNonNull(warnBefore, "warnBefore is null");
        if (responseWindow.isNegative() || responseWindow.isZero()) {
            throw new IllegalArgumentException("responseWindow must be positive, got " + responseWindow);
        }
        if (warnBefore.isNegative() || warnBefore.compareTo(responseWindow) > 0) {
            throw new IllegalArgumentException(
                    "warnBefore must be between 0 and the response window (" + responseWindow + "), got " + warnBefore);
        }
    }

    /** Leads with a deadline up to this time are due for escalation at {@code now}. */
    public Instant escalateDeadlinesUpTo(Instant now) {
        return now.plus(warnBefore);
    }

    /** Leads with a deadline before this time are too old to escalate at {@code now}. */
    public Instant staleBefore(Instant now) {
        return now.minus(STALE_AFTER);
    }

    /** Whether a lead waiting for its first touch with this deadline is escalated at {@code now}. */
    public boolean due(Instant deadline, Instant now) {
        return !now.isBefore(deadline.minus(warnBefore)) && !deadline.isBefore(staleBefore(now));
    }

    /**
     * What the escalation says, e.g. "web form lead: 1 min left of its 5 min", or once the deadline
     * passed "web form lead: its 5 min ran out 12 s ago".
     */
    public String reason(LeadSource source, Instant deadline, Instant now) {
        String lead = source.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " lead: ";
        Duration left = Duration.between(now, deadline);
        return left.isNegative() || left.isZero()
                ? lead + "its " + spoken(responseWindow) + " ran out " + spoken(left.negated()) + " ago, untouched"
                : lead + spoken(left) + " left of its " + spoken(responseWindow);
    }

    /** A duration as a rep reads it: "4 min 10 s", "1 min", "45 s", "1 h 2 min", to the second. */
    static String spoken(Duration duration) {
        long seconds = duration.toSeconds();
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append(" h");
        }
        if (minutes > 0) {
            text.append(text.isEmpty() ? "" : " ").append(minutes).append(" min");
        }
        if (rest > 0 || text.isEmpty()) {
            text.append(text.isEmpty() ? "" : " ").append(rest).append(" s");
        }
        return text.toString();
    }
}
