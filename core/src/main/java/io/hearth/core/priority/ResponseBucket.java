package io.hearth.core.priority;

import java.time.Duration;

/** How fast a lead got its first touch, in the bands the speed-to-lead research uses. */
public enum ResponseBucket {
    WITHIN_5_MINUTES(Duration.ofMinutes(5)),
    WITHIN_30_MINUTES(Duration.ofMinutes(30)),
    WITHIN_24_HOURS(Duration.ofHours(24)),
    LATER(null);

    private final Duration upperBound;

    ResponseBucket(Duration upperBound) {
        this.upperBound = upperBound;
    }

    public static ResponseBucket of(Duration responseTime) {
        for (ResponseBucket bucket : values()) {
            if (bucket.upperBound == null || responseTime.compareTo(bucket.upperBound) <= 0) {
                return bucket;
            }
        }
        throw new AssertionError("LATER has no upper bound");
    }
}
