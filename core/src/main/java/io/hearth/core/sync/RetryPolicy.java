package io.hearth.core.sync;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How often and how patiently a sync retries a source that failed with a retriable error. The
 * delay doubles on each consecutive failure; a batch that succeeds resets the count.
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Sleeper sleeper) {
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(5, Duration.ofSeconds(1), d -> Thread.sleep(d.toMillis()));

    public RetryPolicy {
        requireNonNull(firstDelay, "firstDelay is null");
        requireNonNull(sleeper, "sleeper is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /** Waits before retry number {@code attempt} (1-based). */
    void pauseBefore(int attempt) {
        try {
            sleeper.sleep(firstDelay.multipliedBy(1L << Math.min(attempt - 1, 10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a sync", e);
        }
    }

    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }
}
