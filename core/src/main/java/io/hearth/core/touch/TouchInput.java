package io.hearth.core.touch;

import io.hearth.core.person.PersonRef;
import java.time.Duration;
import java.time.Instant;

/**
 * A touch as a rep reports it, before validation. {@code null} means not given: the time defaults
 * to now and the duration to zero; kind, channel and outcome are required.
 *
 * @param opportunity the name of the deal the touch is for ("opportunities/{id}"), or {@code null}
 */
public record TouchInput(
        PersonRef person,
        TouchKind kind,
        Channel channel,
        Instant occurredAt,
        Duration duration,
        Outcome outcome,
        String note,
        String performedBy,
        String opportunity) {

    /** A touch for no deal in particular. */
    public TouchInput(
            PersonRef person,
            TouchKind kind,
            Channel channel,
            Instant occurredAt,
            Duration duration,
            Outcome outcome,
            String note,
            String performedBy) {
        this(person, kind, channel, occurredAt, duration, outcome, note, performedBy, null);
    }
}
