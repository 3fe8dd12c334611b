package io.hearth.core.priority;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageSize;
import io.hearth.core.query.PageToken;
import io.hearth.core.resource.ControlCharacters;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * How fast the team answers inbound leads, what answering fast is worth on its own data, and which
 * leads missed their response deadline.
 */
public final class SpeedToLeadReport {
    /** Long enough for a monthly review, short enough to stay one cheap query. */
    public static final Duration MAX_PERIOD = Duration.ofDays(366);

    private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    private final LeadProfileStore profiles;
    private final MissedDeadlineStore missedDeadlines;
    private final SpeedToLeadPolicy policy;
    private final Clock clock;

    public SpeedToLeadReport(
            LeadProfileStore profiles, MissedDeadlineStore missedDeadlines, SpeedToLeadPolicy policy, Clock clock) {
        this.profiles = requireNonNull(profiles, "profiles is null");
        this.missedDeadlines = requireNonNull(missedDeadlines, "missedDeadlines is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * @param owner one rep, or blank for the team
     * @param from inclusive; {@code null} means 30 days before {@code to}
     * @param to exclusive; {@code null} means now
     */
    public ResponseStats stats(String owner, Instant from, Instant to) {
        Period period = period(from, to);
        List<ResponseStats.Sample> samples = new ArrayList<>();
        int awaiting = 0;
        String who = rep(owner);
        for (InboundArrival arrival : profiles.inboundArrivals(who, period.start(), period.end())) {
            if (arrival.firstTouchAt() == null) {
                awaiting++;
            } else {
                samples.add(new ResponseStats.Sample(
                        Duration.between(arrival.arrivedAt(), arrival.firstTouchAt()), arrival.qualified()));
            }
        }
        return ResponseStats.of(
                samples, awaiting, missedDeadlines.tally(who, period.start(), period.end()), policy.responseWindow());
    }

    /**
     * The missed deadlines of leads that arrived in the period, newest first, page by page.
     *
     * @param owner the rep who owned the lead when it missed, or blank for the team
     * @param unansweredOnly only leads still waiting for their first touch
     * @param pageToken the previous page's token, or blank for the first page
     */
    public Page<MissedDeadline> missedDeadlines(
            String owner, Instant from, Instant to, boolean unansweredOnly, int pageSize, String pageToken) {
        int size = PageSize.resolve(pageSize, "page_size");
        Period period = period(from, to);
        String who = rep(owner);
        // the period as asked for: an open end ("until now") moves between pages, which is fine
        // since newer arrivals sort before the cursor
        String fingerprint = PageToken.fingerprint(String.join(
                "|",
                "missed",
                who == null ? "" : who,
                String.valueOf(from),
                String.valueOf(to),
                Boolean.toString(unansweredOnly)));
        Optional<PageToken> after = Optional.empty();
        if (pageToken != null && !pageToken.isEmpty()) {
            PageToken token = PageToken.decode(pageToken, fingerprint, "page_token");
            try {
                Instant.parse(token.sortValue());
                UUID.fromString(token.id());
            } catch (DateTimeException | IllegalArgumentException e) {
                throw InvalidArgumentException.of(
                        "page_token", "not a page token from this server; " + "start from the first page");
            }
            after = Optional.of(token);
        }
        return missedDeadlines.list(who, period.start(), period.end(), unansweredOnly, size, after, fingerprint);
    }

    public Duration window() {
        return policy.responseWindow();
    }

    /** Without an end a period ends now; without a start it spans the 30 days before its end. */
    private Period period(Instant from, Instant to) {
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(DEFAULT_PERIOD) : from;
        if (!start.isBefore(end)) {
            throw InvalidArgumentException.of("start_time", "must be before end_time");
        }
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw InvalidArgumentException.of(
                    "start_time", "the period may span at most " + MAX_PERIOD.toDays() + " days");
        }
        return new Period(start, end);
    }

    private static String rep(String owner) {
        return owner == null || owner.isBlank() ? null : ControlCharacters.requireLine(owner.strip(), "owner");
    }

    private record Period(Instant start, Instant end) {}
}
