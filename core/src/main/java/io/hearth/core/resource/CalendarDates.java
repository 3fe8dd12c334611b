package io.hearth.core.resource;

import io.hearth.core.error.InvalidArgumentException;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Calendar days as callers send them ({@code google.type.Date}: year, month, day), from 1900 to
 * 9999 like {@link ApiTimes}: a day that is no calendar date, or outside that span, is refused
 * naming the request field rather than failing later in storage.
 */
public final class CalendarDates {
    private CalendarDates() {}

    /** @param field the request field, e.g. {@code opportunity.expected_close_date} */
    public static LocalDate of(int year, int month, int day, String field) {
        if (year < 1900 || year > 9999) {
            throw InvalidArgumentException.of(field, "must be a date from 1900-01-01 to 9999-12-31, got year " + year);
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw InvalidArgumentException.of(field, "not a calendar date: " + e.getMessage());
        }
    }
}
