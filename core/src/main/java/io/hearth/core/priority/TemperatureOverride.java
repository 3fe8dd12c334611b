package io.hearth.core.priority;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.lead.Temperature;
import java.time.Instant;

/** A rep's own grade for a lead, which wins over the model's until cleared. */
public record TemperatureOverride(Temperature grade, String reason, String by, Instant at) {
    /** The longest reason, in characters. */
    public static final int MAX_REASON = 500;

    /**
     * Checks the reason a rep gives for pinning {@code grade}: required to pin one, so the team sees
     * why beside the grade, and at most {@value #MAX_REASON} characters.
     *
     * @param grade {@code null} when the pin is cleared, which needs no reason
     * @param field the request field of the reason, named in the error
     */
    public static void checkReason(Temperature grade, String reason, String field) {
        if (grade != null && (reason == null || reason.isBlank())) {
            throw InvalidArgumentException.of(field, "required: say why, so the team sees it beside the grade");
        }
        if (reason != null && reason.length() > MAX_REASON) {
            throw InvalidArgumentException.of(field, "must be at most " + MAX_REASON + " characters");
        }
    }

    public TemperatureOverride {
        requireNonNull(grade, "grade is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(at, "at is null");
    }
}
