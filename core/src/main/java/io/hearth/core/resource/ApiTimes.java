package io.hearth.core.resource;

import io.hearth.core.error.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;

/**
 * Points in time and durations as callers send them: seconds and nanos, within the ranges of
 * {@code google.protobuf.Timestamp} and {@code google.protobuf.Duration}. Values outside them are
 * refused naming the request field, rather than failing later in date arithmetic or storage.
 *
 * <p>Times start in 1900, not in year 1 as a Timestamp may: HSQLDB's driver moves times before the
 * Gregorian calendar (1582) by days, and fails on the first days of year 1; no lead, touch or
 * report of Hearth's is older than 1900.
 */
public final class ApiTimes {
    /** 1900-01-01T00:00:00Z, the first second a time sent to Hearth may be. */
    public static final long MIN_SECONDS = -2_208_988_800L;
    /** 9999-12-31T23:59:59Z, the last second a {@code google.protobuf.Timestamp} may hold. */
    public static final long MAX_SECONDS = 253_402_300_799L;
    /** 10,000 years either way, the most a {@code google.protobuf.Duration} may hold. */
    public static final long MAX_DURATION_SECONDS = 315_576_000_000L;

    private static final int MAX_NANOS = 999_999_999;

    private ApiTimes() {}

    /**
     * @param field the request field, e.g. {@code touch.occur_time}
     * @throws InvalidArgumentException naming {@code field} when the time is outside 1900 to 9999 or
     *     the nanos are not 0 to 999,999,999
     */
    public static Instant instant(long seconds, int nanos, String field) {
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS || nanos < 0 || nanos > MAX_NANOS) {
            throw InvalidArgumentException.of(
                    field, "must be a time from 1900-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z");
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /**
     * @param field the request field, e.g. {@code duration}
     * @throws InvalidArgumentException naming {@code field} when the duration is longer than 10,000
     *     years either way, or its nanos are out of range or of the other sign than its seconds
     */
    public static Duration duration(long seconds, int nanos, String field) {
        boolean inRange = seconds >= -MAX_DURATION_SECONDS
                && seconds <= MAX_DURATION_SECONDS
                && nanos >= -MAX_NANOS
                && nanos <= MAX_NANOS
                && !(seconds > 0 && nanos < 0)
                && !(seconds < 0 && nanos > 0);
        if (!inRange) {
            throw InvalidArgumentException.of(
                    field, "must be a duration of at most 10,000 years, with seconds and nanos of one sign");
        }
        return Duration.ofSeconds(seconds, nanos);
    }
}
