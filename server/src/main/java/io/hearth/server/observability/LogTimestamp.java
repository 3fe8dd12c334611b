package io.hearth.server.observability;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A log line's time as {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSX}} prints it, in the default time zone
 * ({@code %isotime} in {@code logback.xml}). Logback formats the whole time again for every
 * millisecond, and {@link DateTimeFormatter} prints the fraction through {@code BigDecimal}: a third
 * of the access log line's CPU. Here the second and the zone's offset are formatted once per
 * second; the milliseconds are three digits.
 */
public final class LogTimestamp extends ClassicConverter {
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("X");

    private final ZoneId zone;
    /** The last second formatted; replaced whole, so a reader sees one second's parts together. */
    private volatile Second last = new Second(Long.MIN_VALUE, "", "");

    public LogTimestamp() {
        this(ZoneId.systemDefault());
    }

    LogTimestamp(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public String convert(ILoggingEvent event) {
        return format(event.getTimeStamp());
    }

    String format(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        Second cached = last;
        if (cached.epochSecond != second) {
            cached = Second.of(second, zone);
            last = cached;
        }
        int millis = (int) Math.floorMod(epochMillis, 1000);
        StringBuilder text = new StringBuilder(cached.prefix.length() + 3 + cached.offset.length());
        text.append(cached.prefix);
        if (millis < 100) {
            text.append(millis < 10 ? "00" : "0");
        }
        return text.append(millis).append(cached.offset).toString();
    }

    private record Second(long epochSecond, String prefix, String offset) {
        static Second of(long epochSecond, ZoneId zone) {
            var time = Instant.ofEpochSecond(epochSecond).atZone(zone);
            return new Second(epochSecond, SECOND.format(time), OFFSET.format(time));
        }
    }
}
