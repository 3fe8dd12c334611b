package io.hearth.core.queue;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.InvalidArgumentException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** How long a touch takes by channel, for time boxing; a rep can adjust each. */
public final class TypicalDurations {
    public static final Duration MAX = Duration.ofHours(8);
    private static final Map<ActionChannel, Duration> DEFAULTS = Map.of(
            ActionChannel.PHONE, Duration.ofMinutes(10),
            ActionChannel.EMAIL, Duration.ofMinutes(5),
            ActionChannel.POSTCARD, Duration.ofMinutes(3),
            ActionChannel.DIRECT_MAIL, Duration.ofMinutes(5),
            ActionChannel.SMS, Duration.ofMinutes(2),
            ActionChannel.SOCIAL, Duration.ofMinutes(5),
            ActionChannel.VIDEO_CALL, Duration.ofMinutes(30),
            ActionChannel.MEETING, Duration.ofMinutes(60));

    private final Map<ActionChannel, Duration> durations;

    private TypicalDurations(Map<ActionChannel, Duration> durations) {
        this.durations = durations;
    }

    /**
     * The defaults with {@code overrides} applied.
     *
     * @param field the request field of the overrides, named in errors
     */
    public static TypicalDurations withOverrides(Map<ActionChannel, Duration> overrides, String field) {
        Map<ActionChannel, Duration> merged = new EnumMap<>(DEFAULTS);
        overrides.forEach((channel, duration) -> {
            if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX) > 0) {
                throw InvalidArgumentException.of(
                        field,
                        "the duration of " + channel.name().toLowerCase() + " must be more than 0 and at most "
                                + MAX.toHours() + " hours, got " + duration);
            }
            merged.put(channel, duration);
        });
        return new TypicalDurations(merged);
    }

    /**
     * The defaults with each adjustment applied; of two for one channel, the later wins.
     *
     * @param field the request field of the adjustments, named in errors; an adjustment without a
     *     channel is named as {@code field.channel}
     */
    public static TypicalDurations withOverrides(List<Adjustment> adjustments, String field) {
        Map<ActionChannel, Duration> overrides = new EnumMap<>(ActionChannel.class);
        for (Adjustment adjustment : adjustments) {
            if (adjustment.channel() == null) {
                throw InvalidArgumentException.of(field + ".channel", "name a channel, e.g. ACTION_CHANNEL_PHONE");
            }
            overrides.put(adjustment.channel(), adjustment.duration());
        }
        return withOverrides(overrides, field);
    }

    public Duration of(ActionChannel channel) {
        return durations.get(channel);
    }

    /**
     * A rep's own duration for a channel, as sent.
     *
     * @param channel {@code null} when none was named, which is refused
     */
    public record Adjustment(ActionChannel channel, Duration duration) {
        public Adjustment {
            requireNonNull(duration, "duration is null");
        }
    }
}
