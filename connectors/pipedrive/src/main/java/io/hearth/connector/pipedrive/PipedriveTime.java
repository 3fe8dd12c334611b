package io.hearth.connector.pipedrive;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The time formats Pipedrive speaks: RFC 3339 in API v2 and the leads of v1
 * ({@code 2025-01-01T10:20:00Z}, sometimes with fractions or an offset), and {@code 2025-01-01 10:20:00}
 * in UTC in the older v1 endpoints such as recents.
 */
final class PipedriveTime {
    private static final DateTimeFormatter V1 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private PipedriveTime() {}

    /** The instant a Pipedrive time names, or empty when the text is none of its formats. */
    static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.strip();
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notRfc3339) {
            try {
                return Optional.of(LocalDateTime.parse(value, V1).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notV1) {
                return Optional.empty();
            }
        }
    }

    /** {@code 2025-01-01T10:20:00Z}, for {@code updated_since}: whole seconds, which is all Pipedrive keeps. */
    static String rfc3339(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code 2025-01-01 10:20:00} in UTC, for the v1 recents endpoint's {@code since_timestamp}. */
    static String v1(Instant instant) {
        return V1.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }
}
