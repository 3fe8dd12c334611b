package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.priority.MissedDeadlineStore;
import io.hearth.core.priority.MissedDeadlineStore.MissTotals;
import io.hearth.core.queue.Lane;
import io.hearth.core.queue.QueueStore;
import io.hearth.core.queue.QueueStore.LaneSize;
import io.hearth.core.sync.SyncRunStore;
import io.hearth.core.sync.SyncRunStore.RunTotals;
import io.hearth.core.team.EscalationStore;
import io.hearth.core.team.EscalationStore.EscalationTotals;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The team-wide figures an operator watches: the queue's size per lane, speed-to-lead misses, the
 * escalations and reassignments of web leads about to miss it, and sync runs with the records they
 * moved by connector and outcome. They describe the shared database, so every server instance
 * reports the same ones. No person is named in them.
 */
public final class OperationalFigures {
    private final QueueStore queue;
    private final MissedDeadlineStore missedDeadlines;
    private final SyncRunStore syncRuns;
    private final EscalationStore escalations;
    private final Clock clock;

    public OperationalFigures(
            QueueStore queue,
            MissedDeadlineStore missedDeadlines,
            SyncRunStore syncRuns,
            EscalationStore escalations,
            Clock clock) {
        this.queue = requireNonNull(queue, "queue is null");
        this.missedDeadlines = requireNonNull(missedDeadlines, "missedDeadlines is null");
        this.syncRuns = requireNonNull(syncRuns, "syncRuns is null");
        this.escalations = requireNonNull(escalations, "escalations is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The figures as of now: a few aggregate queries, each on its own (monitoring bears a little skew). */
    public Snapshot read() {
        Instant now = clock.instant();
        return new Snapshot(now, queue.sizes(now), missedDeadlines.totals(), escalations.totals(), syncRuns.totals());
    }

    public record Snapshot(
            Instant at,
            Map<Lane, LaneSize> queue,
            MissTotals misses,
            EscalationTotals escalations,
            List<RunTotals> syncRuns) {
        public Snapshot {
            queue = Map.copyOf(queue);
            syncRuns = List.copyOf(syncRuns);
        }
    }
}
