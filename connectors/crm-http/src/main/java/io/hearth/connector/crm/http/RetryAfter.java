package io.hearth.connector.crm.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads how long a response asks to wait, in the two forms HTTP allows and CRMs use. */
public final class RetryAfter {
    private RetryAfter() {}

    /**
     * A {@code Retry-After} value: whole seconds ({@code 120}) or an HTTP date
     * ({@code Wed, 21 Oct 2026 07:28:00 GMT}) counted from {@code now}. Empty when absent or unreadable;
     * never negative (a date in the past means now).
     */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        Optional<Duration> seconds = seconds(text);
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * A count of whole seconds, as in {@code Retry-After} and in rate-limit headers that say when the
     * window resets (Pipedrive's {@code x-ratelimit-reset}). Empty when absent or not a number.
     */
    public static Optional<Duration> seconds(String value) {
        if (value == null || !value.strip().matches("\\d{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
    }
}
