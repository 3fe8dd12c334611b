package io.hearth.core.sync;

import java.time.Duration;
import java.util.Optional;

/**
 * When a connection runs by itself: never ({@link #MANUAL}, only when asked), or every so many
 * minutes. The bounds are {@link ConnectionRules}'.
 *
 * @param everyMinutes 0 for manual; as received, so possibly out of bounds until the rules checked it
 */
public record ConnectionSchedule(int everyMinutes) {
    public static final ConnectionSchedule MANUAL = new ConnectionSchedule(0);

    public static ConnectionSchedule every(int minutes) {
        return new ConnectionSchedule(minutes);
    }

    public boolean manual() {
        return everyMinutes == 0;
    }

    /** The interval between runs; empty when manual. */
    public Optional<Duration> interval() {
        return manual() ? Optional.empty() : Optional.of(Duration.ofMinutes(everyMinutes));
    }
}
