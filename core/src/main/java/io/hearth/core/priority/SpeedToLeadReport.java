package io.hearth.core.priority;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.InvalidArgumentException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How fast the team answers inbound leads, and what answering fast is worth, on its own data. */
public final class SpeedToLeadReport {
    /** Long enough for a monthly review, short enough to stay one cheap query. */
    public static final Duration MAX_PERIOD = Duration.ofDays(366);

    private final LeadProfileStore profiles;
    private final SpeedToLeadPolicy policy;
    private final Clock clock;

    public SpeedToLeadReport(LeadProfileStore profiles, SpeedToLeadPolicy policy, Clock clock) {
        this.profiles = requireNonNull(profiles, "profiles is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * @param owner one rep, or blank for the team
     * @param from inclusive; {@code null} means 30 days before {@code to}
     * @param to exclusive; {@code null} means now
     */
    public ResponseStats stats(String owner, Instant from, Instant to) {
        Instant now = clock.instant();
        Instant end = to == null ? now : to;
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : from;
        if (!start.isBefore(end)) {
            throw InvalidArgumentException.of("start_time", "must be before end_time");
        }
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw InvalidArgumentException.of("start_time", "the period may span at most " + MAX_PERIOD.toDays()
                    + " days");
        }
        List<ResponseStats.Sample> samples = new ArrayList<>();
        int awaiting = 0;
        int missed = 0;
        String who = owner == null || owner.isBlank() ? null : owner.strip();
        for (InboundArrival arrival : profiles.inboundArrivals(who, start, end)) {
            if (arrival.firstTouchAt() == null) {
                awaiting++;
                missed += now.isAfter(arrival.deadline()) ? 1 : 0;
            } else {
                samples.add(new ResponseStats.Sample(Duration.between(arrival.arrivedAt(), arrival.firstTouchAt()),
                        arrival.qualified()));
                missed += arrival.firstTouchAt().isAfter(arrival.deadline()) ? 1 : 0;
            }
        }
        return ResponseStats.of(samples, awaiting, missed, policy.responseWindow());
    }

    public Duration window() {
        return policy.responseWindow();
    }
}
