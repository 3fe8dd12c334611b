package io.hearth.core.priority;

import static java.util.Objects.requireNonNull;

import io.hearth.core.lead.Temperature;
import java.util.List;

/**
 * The model's verdict on a lead: its grade, whether it must be worked today (sizzling), its
 * probability to close, and the reasons, in the order they weighed.
 */
public record TemperatureRating(Temperature grade, boolean sizzling, double probabilityToClose, List<String> reasons) {
    public TemperatureRating {
        requireNonNull(grade, "grade is null");
        reasons = List.copyOf(reasons);
        if (probabilityToClose < 0 || probabilityToClose > 1) {
            throw new IllegalArgumentException("probability must be in [0,1], got " + probabilityToClose);
        }
    }
}
