package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** One step of a cadence: how to reach the person, and how long after the previous step. */
public record CadenceStep(Channel channel, Duration delay) {
    public CadenceStep {
        requireNonNull(channel, "channel is null");
        requireNonNull(delay, "delay is null");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a step's delay cannot be negative, got " + delay);
        }
    }
}
