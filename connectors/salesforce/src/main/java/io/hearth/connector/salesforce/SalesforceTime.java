package io.hearth.connector.salesforce;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Salesforce's dateTime values as they come in JSON and as SOQL takes them. */
final class SalesforceTime {
    // the REST API writes "2026-12-01T10:00:00.000+0000": an offset without the colon ISO wants
    private static final Pattern COLONLESS_OFFSET = Pattern.compile("([+-]\\d\\d)(\\d\\d)$");

    private SalesforceTime() {}

    /** {@code 2026-12-01T10:00:00.000+0000}, {@code ...+00:00} or {@code ...Z}; empty when it is none of these. */
    static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    OffsetDateTime.parse(COLONLESS_OFFSET.matcher(text.strip()).replaceFirst("$1:$2"))
                            .toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * A SOQL dateTime literal, unquoted: {@code 2026-12-01T10:00:00Z}, with the fraction only when the
     * instant has one, so that a value read from Salesforce compares equal to itself.
     */
    static String soqlLiteral(Instant instant) {
        return instant.toString();
    }
}
