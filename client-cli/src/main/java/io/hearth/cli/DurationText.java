package io.hearth.cli;

import com.google.protobuf.util.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.TypeConversionException;

/** Durations the way people write them: {@code 1h55m}, {@code 3m12s}, {@code 45s}. */
final class DurationText {

    private static final Pattern COMPACT = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private DurationText() {}

    /**
     * The largest units first, every unit after the first two digits wide, zero units at either
     * end left out: {@code 2h}, {@code 1h05m}, {@code 2h00m05s}, {@code 3m12s}, {@code 1d02h},
     * {@code 0s}. Fractions of a second
     * are dropped; a negative duration gets a leading minus.
     */
    static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        long seconds = duration.getSeconds();
        long[] amounts = {seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60};
        String[] units = {"d", "h", "m", "s"};
        int first = 0;
        while (first < amounts.length && amounts[first] == 0) {
            first++;
        }
        if (first == amounts.length) {
            return "0s";
        }
        int last = amounts.length - 1;
        while (amounts[last] == 0) {
            last--;
        }
        StringBuilder text = new StringBuilder().append(amounts[first]).append(units[first]);
        for (int i = first + 1; i <= last; i++) {
            text.append(twoDigits(amounts[i])).append(units[i]);
        }
        return text.toString();
    }

    static String format(com.google.protobuf.Duration duration) {
        return format(Duration.ofSeconds(duration.getSeconds(), duration.getNanos()));
    }

    /**
     * Time left until {@code deadline} as of {@code now}, to the second, always showing seconds
     * so a redrawn countdown ticks: {@code in 3m12s}, {@code overdue 1m05s}, {@code due now}.
     */
    static String countdown(Instant deadline, Instant now) {
        Duration left = Duration.between(now, deadline);
        long seconds = left.abs().getSeconds();
        if (seconds == 0) {
            return "due now";
        }
        String amount = ticking(seconds);
        return left.isNegative() ? "overdue " + amount : "in " + amount;
    }

    /** {@code 12s}, {@code 3m05s}, {@code 1h00m05s}, {@code 2d03h00m05s}. */
    private static String ticking(long seconds) {
        long days = seconds / 86_400;
        long hours = seconds / 3600 % 24;
        long minutes = seconds / 60 % 60;
        long secs = seconds % 60;
        if (days > 0) {
            return "%dd%02dh%02dm%02ds".formatted(days, hours, minutes, secs);
        }
        if (hours > 0) {
            return "%dh%02dm%02ds".formatted(hours, minutes, secs);
        }
        if (minutes > 0) {
            return "%dm%02ds".formatted(minutes, secs);
        }
        return secs + "s";
    }

    /**
     * Parses {@code 10m}, {@code 1h30m}, {@code 45s}, {@code 2d} or ISO-8601 ({@code PT10M}); a
     * picocli converter, so a bad value is a usage error.
     */
    static Duration parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Matcher compact = COMPACT.matcher(trimmed);
        if (!trimmed.isEmpty() && compact.matches()) {
            long[] perUnit = {86_400, 3600, 60, 1};
            Duration duration = Duration.ZERO;
            for (int group = 1; group <= 4; group++) {
                if (compact.group(group) != null) {
                    duration = duration.plusSeconds(Long.parseLong(compact.group(group)) * perUnit[group - 1]);
                }
            }
            return duration;
        }
        try {
            Duration iso = Duration.parse(text.trim());
            if (!iso.isNegative()) {
                return iso;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new TypeConversionException("'" + text + "' is not a duration like 10m, 1h30m or 45s");
    }

    static com.google.protobuf.Duration toProto(Duration duration) {
        return Durations.fromNanos(duration.toNanos());
    }

    private static String twoDigits(long amount) {
        return amount < 10 ? "0" + amount : Long.toString(amount);
    }
}
