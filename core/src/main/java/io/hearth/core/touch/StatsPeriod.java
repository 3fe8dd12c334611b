package io.hearth.core.touch;

import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.person.LeadSource;
import io.hearth.core.resource.ControlCharacters;
import java.time.Instant;

/**
 * What the follow-up statistics cover: a period ({@code from} inclusive, {@code to} exclusive) and
 * optionally one owner and one source ({@code null}: all). Both ends of the period are required
 * (a {@code null} one is refused, named as the API's {@code start_time} or {@code end_time}); a
 * blank owner is none.
 */
public record StatsPeriod(Instant from, Instant to, String owner, LeadSource source) {
    private static final String PERIOD = "required: the period is start_time (inclusive) to end_time (exclusive)";

    public StatsPeriod {
        if (from == null) {
            throw InvalidArgumentException.of("start_time", PERIOD);
        }
        if (to == null) {
            throw InvalidArgumentException.of("end_time", PERIOD);
        }
        owner = owner == null || owner.isBlank() ? null : owner.strip();
        if (!from.isBefore(to)) {
            throw InvalidArgumentException.of("end_time", "must be after start_time");
        }
        ControlCharacters.requireLine(owner, "owner");
    }
}
