package io.hearth.core.priority;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A rep's own grade for a lead, which wins over the model's until cleared. */
public record TemperatureOverride(Temperature grade, String reason, String by, Instant at) {
    public TemperatureOverride {
        requireNonNull(grade, "grade is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(at, "at is null");
    }
}
