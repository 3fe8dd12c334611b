package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.lead.LeadSource;
import io.hearth.core.resource.ControlCharacters;
import java.time.Instant;

/**
 * What the follow-up statistics cover: a period ({@code from} inclusive, {@code to} exclusive) and
 * optionally one owner and one source ({@code null}: all).
 */
public record StatsPeriod(Instant from, Instant to, String owner, LeadSource source) {
    public StatsPeriod {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        if (!from.isBefore(to)) {
            throw InvalidArgumentException.of("end_time", "must be after start_time");
        }
        ControlCharacters.requireLine(owner, "owner");
    }
}
