package io.hearth.core.touch;

import java.time.Duration;
import java.time.Instant;

/**
 * A touch as a rep reports it, before validation. {@code null} means not given: the time defaults
 * to now and the duration to zero; kind, channel and outcome are required.
 */
public record TouchInput(
        PersonRef person,
        TouchKind kind,
        Channel channel,
        Instant occurredAt,
        Duration duration,
        Outcome outcome,
        String note,
        String performedBy) {}
