package io.hearth.connector.crm.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long one request keeps trying before it gives up with a
 * {@link io.hearth.connector.spi.RetriableConnectorException}, which fails the run; the next run resumes
 * from the stored cursor. Every bound is per request.
 *
 * @param maxAttempts  attempts in all, the first included
 * @param firstBackoff the wait before the second attempt when the system does not say how long; it
 *                     doubles with each attempt up to {@code maxBackoff}
 * @param maxBackoff   the longest computed wait
 * @param maxWait      the longest single wait: a system asking for longer (a daily limit's reset) is not
 *                     waited for, the run fails at once
 * @param maxTotalWait the most one request spends waiting between its attempts
 * @param jitter       the fraction, from 0 to 1, by which a computed wait is randomly shortened, so that
 *                     clients that failed together do not retry together
 */
public record RetryPolicy(
        int maxAttempts,
        Duration firstBackoff,
        Duration maxBackoff,
        Duration maxWait,
        Duration maxTotalWait,
        double jitter) {
    /** Six attempts, waits from 1 s doubling to 30 s, at most 60 s told by the system, 3 min in all. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(
            6, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(3), 0.5);

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be from 1 to 100, got " + maxAttempts);
        }
        requirePositive(firstBackoff, "firstBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        requirePositive(maxWait, "maxWait");
        requirePositive(maxTotalWait, "maxTotalWait");
        if (firstBackoff.compareTo(maxBackoff) > 0) {
            throw new IllegalArgumentException("firstBackoff " + firstBackoff + " exceeds maxBackoff " + maxBackoff);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be from 0 to 1, got " + jitter);
        }
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, firstBackoff, maxBackoff, maxWait, maxTotalWait, jitter);
    }

    public RetryPolicy withBackoff(Duration first, Duration max) {
        return new RetryPolicy(maxAttempts, first, max, maxWait, maxTotalWait, jitter);
    }

    public RetryPolicy withMaxWait(Duration single, Duration total) {
        return new RetryPolicy(maxAttempts, firstBackoff, maxBackoff, single, total, jitter);
    }

    public RetryPolicy withJitter(double fraction) {
        return new RetryPolicy(maxAttempts, firstBackoff, maxBackoff, maxWait, maxTotalWait, fraction);
    }

    /** The wait after the {@code failedAttempts}-th failure (1 for the first) when the system says none. */
    public Duration backoff(int failedAttempts, RandomGenerator random) {
        // capped before shifting, so a large attempt count cannot overflow
        long factor = 1L << Math.min(failedAttempts - 1, 30);
        long nanos = firstBackoff.toNanos() > maxBackoff.toNanos() / factor
                ? maxBackoff.toNanos()
                : firstBackoff.toNanos() * factor;
        return Duration.ofNanos((long) (nanos * (1 - jitter * random.nextDouble())));
    }

    private static void requirePositive(Duration duration, String name) {
        requireNonNull(duration, name + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
