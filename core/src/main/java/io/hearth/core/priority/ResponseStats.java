package io.hearth.core.priority;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How fast the team answers inbound leads, and whether answering fast pays off on the team's own
 * data: the qualification rate per response-time bucket.
 *
 * @param missed deadlines missed by leads that arrived in the period, as recorded
 * @param missedUnanswered of those, how many still wait for their first touch
 * @param missedByOwner the misses per rep who owned the lead when it missed, most first
 * @param median the median response time: the middle one of an odd count, the mean of the middle
 *     two of an even count; empty without samples
 * @param p90 the 90th percentile (nearest rank), empty without samples
 * @param shareWithinWindow the share of responses inside the speed-to-lead window
 * @param buckets per bucket, how many leads and how many of them qualified
 */
public record ResponseStats(
        int responded,
        int awaiting,
        int missed,
        int missedUnanswered,
        List<OwnerMisses> missedByOwner,
        Optional<Duration> median,
        Optional<Duration> p90,
        double shareWithinWindow,
        Map<ResponseBucket, BucketStats> buckets) {

    /** One answered lead: how long its first touch took, and whether it went on to qualify. */
    public record Sample(Duration responseTime, boolean qualified) {}

    public record BucketStats(int leads, int qualified) {
        public double qualificationRate() {
            return leads == 0 ? 0 : (double) qualified / leads;
        }
    }

    /**
     * @param samples leads that got their first touch
     * @param awaiting inbound leads still waiting for one
     * @param misses the recorded missed deadlines, per rep
     */
    public static ResponseStats of(
            Collection<Sample> samples, int awaiting, List<OwnerMisses> misses, Duration window) {
        List<Duration> times =
                new ArrayList<>(samples.stream().map(Sample::responseTime).toList());
        times.sort(Comparator.naturalOrder());
        Map<ResponseBucket, int[]> counts = new EnumMap<>(ResponseBucket.class);
        for (ResponseBucket bucket : ResponseBucket.values()) {
            counts.put(bucket, new int[2]);
        }
        int inWindow = 0;
        for (Sample sample : samples) {
            int[] c = counts.get(ResponseBucket.of(sample.responseTime()));
            c[0]++;
            c[1] += sample.qualified() ? 1 : 0;
            inWindow += sample.responseTime().compareTo(window) <= 0 ? 1 : 0;
        }
        Map<ResponseBucket, BucketStats> buckets = new EnumMap<>(ResponseBucket.class);
        counts.forEach((bucket, c) -> buckets.put(bucket, new BucketStats(c[0], c[1])));
        int missed = misses.stream().mapToInt(OwnerMisses::missed).sum();
        int unanswered = misses.stream().mapToInt(OwnerMisses::unanswered).sum();
        return new ResponseStats(
                samples.size(),
                awaiting,
                missed,
                unanswered,
                List.copyOf(misses),
                median(times),
                percentile(times, 90),
                samples.isEmpty() ? 0 : (double) inWindow / samples.size(),
                buckets);
    }

    /** The usual median: the middle value, or the mean of the middle two of an even count. */
    private static Optional<Duration> median(List<Duration> sorted) {
        int n = sorted.size();
        if (n == 0) {
            return Optional.empty();
        }
        if (n % 2 == 1) {
            return Optional.of(sorted.get(n / 2));
        }
        return Optional.of(sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2));
    }

    /** Nearest-rank percentile: a value that really occurred, never an interpolation. */
    private static Optional<Duration> percentile(List<Duration> sorted, int percent) {
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return Optional.of(sorted.get(Math.max(0, rank - 1)));
    }
}
