package io.hearth.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.TypeConversionException;

/**
 * Points in time the way people type them: an instant ({@code 2026-11-23T10:00:00Z}), a local
 * date and time ({@code 2026-11-23T10:00}) or a date (its midnight), both in the clock's time zone,
 * {@code now}, or a duration from now: {@code +2d} (later), {@code -90m} (earlier), in the units of
 * {@link DurationText#parse}.
 */
final class WhenText {

    static final String EXAMPLES = "an instant like 2026-11-23T10:00:00Z, a date like 2026-11-23,"
            + " a local time like 2026-11-23T10:00, now, or +2d / -90m from now";

    private WhenText() {}

    /** The instant {@code text} means at {@code clock}'s now and in its zone; a bad one throws. */
    static Instant parse(String text, Clock clock) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("now")) {
            return clock.instant();
        }
        if (trimmed.startsWith("+") || trimmed.startsWith("-")) {
            Duration amount = relative(text, trimmed.substring(1));
            return trimmed.startsWith("+")
                    ? clock.instant().plus(amount)
                    : clock.instant().minus(amount);
        }
        try {
            return Instant.parse(trimmed.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException notAnInstant) {
            // try the local forms
        }
        try {
            return LocalDateTime.parse(trimmed).atZone(clock.getZone()).toInstant();
        } catch (DateTimeParseException notALocalTime) {
            // try a date
        }
        try {
            return LocalDate.parse(trimmed).atStartOfDay(clock.getZone()).toInstant();
        } catch (DateTimeParseException notADate) {
            throw invalid(text);
        }
    }

    private static Duration relative(String text, String amount) {
        try {
            return DurationText.parse(amount);
        } catch (TypeConversionException e) {
            throw invalid(text);
        }
    }

    private static TypeConversionException invalid(String text) {
        return new TypeConversionException("'" + text + "' is not a time: give " + EXAMPLES);
    }
}
