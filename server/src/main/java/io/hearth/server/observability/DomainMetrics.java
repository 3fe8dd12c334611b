package io.hearth.server.observability;

import static java.util.Objects.requireNonNull;

import io.hearth.core.app.OperationalFigures;
import io.hearth.core.app.OperationalFigures.Snapshot;
import io.hearth.core.diagnostics.FailureSummary;
import io.hearth.core.queue.Lane;
import io.hearth.core.queue.QueueStore.LaneSize;
import io.hearth.core.sync.SyncCounts;
import io.hearth.core.sync.SyncRunStore.RunTotals;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The team's figures as gauges: the queue per lane, speed-to-lead misses, sync runs and the records
 * they moved by connector and outcome. They are read from the shared database when scraped, at
 * most once per {@link #maxAge} (a scrape every few seconds costs a few aggregate queries at most
 * that often), so every server instance reports the same values: aggregate them with {@code max},
 * not {@code sum}. While the database cannot be read the last values stay, and {@code
 * hearth_figures_age_seconds} grows.
 */
public final class DomainMetrics {
    static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(DomainMetrics.class);

    private final OperationalFigures figures;
    private final Clock clock;
    private final Duration maxAge;
    private final MultiGauge queue;
    private final MultiGauge syncRuns;
    private final MultiGauge syncRecords;
    private volatile Snapshot last;
    private volatile Instant readAt = Instant.MIN;

    private DomainMetrics(OperationalFigures figures, Clock clock, Duration maxAge, MeterRegistry registry) {
        this.figures = requireNonNull(figures, "figures is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.maxAge = requireNonNull(maxAge, "maxAge is null");
        queue = MultiGauge.builder("hearth.queue.entries")
                .description("People in the work queue (team-wide), by lane; state due: to work now, scheduled: "
                        + "a follow-up not due yet")
                .register(registry);
        syncRuns = MultiGauge.builder("hearth.sync.runs")
                .description("Sync runs stored (team-wide), by connector and state")
                .register(registry);
        syncRecords = MultiGauge.builder("hearth.sync.records")
                .description("Records sync runs moved (team-wide), by connector and outcome")
                .register(registry);
        Gauge.builder(
                        "hearth.speed.to.lead.misses",
                        this,
                        m -> m.last == null ? Double.NaN : m.last.misses().recorded())
                .description("Web leads whose first touch came after the 5-minute deadline or not yet (team-wide)")
                .register(registry);
        Gauge.builder(
                        "hearth.speed.to.lead.misses.unanswered",
                        this,
                        m -> m.last == null ? Double.NaN : m.last.misses().unanswered())
                .description("Missed web leads still waiting for their first touch (team-wide)")
                .register(registry);
        Gauge.builder(
                        "hearth.speed.to.lead.escalations",
                        this,
                        m -> m.last == null ? Double.NaN : m.last.escalations().escalated())
                .description("Web leads escalated as about to miss their response deadline (team-wide)")
                .register(registry);
        Gauge.builder(
                        "hearth.speed.to.lead.reassignments",
                        this,
                        m -> m.last == null ? Double.NaN : m.last.escalations().reassigned())
                .description("Escalated web leads reassigned by round robin when their deadline passed untouched "
                        + "(team-wide)")
                .register(registry);
        Gauge.builder(
                        "hearth.speed.to.lead.arrival.assignments",
                        this,
                        m -> m.last == null ? Double.NaN : m.last.escalations().assignedOnArrival())
                .description("Unowned web leads given a rep by round robin on arrival (team-wide)")
                .register(registry);
        Gauge.builder("hearth.figures.age", this, DomainMetrics::ageSeconds)
                .description("Seconds since the team-wide figures were read from the database")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Registers the gauges in {@code metrics} and reads the figures again before a scrape when they are stale. */
    public static DomainMetrics bind(Metrics metrics, OperationalFigures figures, Clock clock, Duration maxAge) {
        DomainMetrics domain = new DomainMetrics(figures, clock, maxAge, metrics.registry());
        metrics.beforeScrape(domain::refreshIfStale);
        return domain;
    }

    public static DomainMetrics bind(Metrics metrics, OperationalFigures figures, Clock clock) {
        return bind(metrics, figures, clock, DEFAULT_MAX_AGE);
    }

    synchronized void refreshIfStale() {
        if (Duration.between(readAt, clock.instant()).compareTo(maxAge) < 0) {
            return;
        }
        Snapshot snapshot;
        try {
            snapshot = figures.read();
        } catch (RuntimeException e) {
            log.debug("team figures not read for the metrics: {}", FailureSummary.of(e));
            return;
        }
        last = snapshot;
        readAt = clock.instant();
        queue.register(queueRows(snapshot.queue()), true);
        syncRuns.register(
                snapshot.syncRuns().stream()
                        .map(t -> MultiGauge.Row.of(
                                Tags.of("connector", t.connector(), "state", name(t.state())), t.runs()))
                        .toList(),
                true);
        syncRecords.register(recordRows(snapshot.syncRuns()), true);
    }

    private static List<MultiGauge.Row<?>> queueRows(Map<Lane, LaneSize> sizes) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        sizes.forEach((lane, size) -> {
            rows.add(MultiGauge.Row.of(Tags.of("lane", name(lane), "state", "due"), size.due()));
            rows.add(MultiGauge.Row.of(Tags.of("lane", name(lane), "state", "scheduled"), size.scheduled()));
        });
        return rows;
    }

    private static final Map<String, ToLongFunction<SyncCounts>> OUTCOMES = outcomes();

    private static Map<String, ToLongFunction<SyncCounts>> outcomes() {
        Map<String, ToLongFunction<SyncCounts>> outcomes = new java.util.LinkedHashMap<>();
        outcomes.put("read", SyncCounts::read);
        outcomes.put("created", SyncCounts::created);
        outcomes.put("updated", SyncCounts::updated);
        outcomes.put("unchanged", SyncCounts::unchanged);
        outcomes.put("merged", SyncCounts::merged);
        outcomes.put("archived", SyncCounts::archived);
        outcomes.put("rejected", SyncCounts::rejected);
        outcomes.put("people_written", SyncCounts::peopleWritten);
        outcomes.put("touches_written", SyncCounts::touchesWritten);
        outcomes.put("deals_written", SyncCounts::dealsWritten);
        return outcomes;
    }

    /** Summed over the runs' states: a connector's records, whatever became of the runs. */
    private static List<MultiGauge.Row<?>> recordRows(List<RunTotals> totals) {
        Map<String, long[]> byConnector = new java.util.TreeMap<>();
        for (RunTotals t : totals) {
            long[] sums = byConnector.computeIfAbsent(t.connector(), c -> new long[OUTCOMES.size()]);
            int i = 0;
            for (ToLongFunction<SyncCounts> outcome : OUTCOMES.values()) {
                sums[i++] += outcome.applyAsLong(t.records());
            }
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        byConnector.forEach((connector, sums) -> {
            int i = 0;
            for (String outcome : OUTCOMES.keySet()) {
                rows.add(MultiGauge.Row.of(Tags.of("connector", connector, "outcome", outcome), sums[i++]));
            }
        });
        return rows;
    }

    private double ageSeconds() {
        return last == null
                ? Double.NaN
                : Duration.between(readAt, clock.instant()).toMillis() / 1000.0;
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
