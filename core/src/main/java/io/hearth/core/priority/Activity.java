package io.hearth.core.priority;

import java.time.Instant;

/**
 * The touch history of a person, summed up for the model; each time is {@code null} until the
 * thing first happens.
 */
public record Activity(
        Instant firstTouchAt,
        Instant lastTouchAt,
        Instant lastConversationAt,
        Instant lastPositiveAt,
        Instant nextMeetingAt) {

    public static final Activity NONE = new Activity(null, null, null, null, null);

    /** This history with {@code news} folded in: the earliest first touch and the latest of everything else. */
    public Activity mergedWith(Activity news) {
        return new Activity(
                earliest(firstTouchAt, news.firstTouchAt()),
                latest(lastTouchAt, news.lastTouchAt()),
                latest(lastConversationAt, news.lastConversationAt()),
                latest(lastPositiveAt, news.lastPositiveAt()),
                news.nextMeetingAt() != null ? news.nextMeetingAt() : nextMeetingAt);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
