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
}
