package io.hearth.server.limits;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One token bucket per caller: a bucket holds up to {@code burst} calls and refills at
 * {@code perSecond}; a call takes one. A bucket that has refilled completely is the same as a new
 * one, so such buckets are dropped when the map grows: memory stays bounded by the callers active
 * within the last {@code burst / perSecond} seconds.
 */
final class TokenBuckets {
    /** The map is swept of full buckets when it holds more than this many. */
    static final int SWEEP_ABOVE = 1_024;

    private final double perNano;
    private final double burst;
    private final long refillNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong();

    TokenBuckets(double perSecond, int burst, LongSupplier nanoTime) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a bucket needs a positive rate and size");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.refillNanos = (long) Math.ceil(burst / perNano);
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.lastSweep.set(nanoTime.getAsLong());
    }

    /**
     * Takes one call from {@code caller}'s bucket.
     *
     * @return 0 when the call may go ahead; otherwise how many nanoseconds until it could (nothing
     *     is taken then)
     */
    long take(String caller) {
        long now = nanoTime.getAsLong();
        sweepIfLarge(now);
        Bucket bucket = buckets.computeIfAbsent(caller, key -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.refill(now);
            if (bucket.calls >= 1) {
                bucket.calls -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.calls) / perNano));
        }
    }

    int size() {
        return buckets.size();
    }

    private void sweepIfLarge(long now) {
        long last = lastSweep.get();
        // at most one sweep per refill period: a sweep of a map of busy callers frees nothing
        if (buckets.size() <= SWEEP_ABOVE || now - last < Math.min(refillNanos, 1_000_000_000L)) {
            return;
        }
        if (lastSweep.compareAndSet(last, now)) {
            buckets.values().removeIf(bucket -> {
                synchronized (bucket) {
                    return now - bucket.refilledAt >= refillNanos;
                }
            });
        }
    }

    private final class Bucket {
        double calls;
        long refilledAt;

        Bucket(double calls, long now) {
            this.calls = calls;
            this.refilledAt = now;
        }

        void refill(long now) {
            long elapsed = now - refilledAt;
            if (elapsed > 0) {
                calls = Math.min(burst, calls + elapsed * perNano);
                refilledAt = now;
            }
        }
    }
}
