package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.opportunity.PipelineStages;
import io.hearth.core.opportunity.PipelineStats;
import io.hearth.core.opportunity.PipelineStatsCalculator;
import io.hearth.core.opportunity.PipelineStatsQuery;
import io.hearth.core.opportunity.PipelineStatsStore;
import java.time.Clock;
import java.time.Instant;

/**
 * Computes the pipeline statistics ({@link PipelineStatsCalculator}) of the deals in the caller's
 * scope, from what the store reads in one transaction: one moment's figures.
 */
public final class PipelineStatsReport {
    private final PipelineStatsStore store;
    private final Transactor transactor;
    private final PipelineStages pipeline;
    private final Clock clock;
    private final CurrentCaller caller;

    public PipelineStatsReport(
            PipelineStatsStore store,
            Transactor transactor,
            PipelineStages pipeline,
            Clock clock,
            CurrentCaller caller) {
        this.store = requireNonNull(store, "store is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
        this.pipeline = requireNonNull(pipeline, "pipeline is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.caller = requireNonNull(caller, "caller is null");
    }

    /**
     * The figures of the deals the arguments select (see {@link PipelineStatsQuery}), as the API
     * sends them: blank or {@code null} for no filter.
     */
    public PipelineStats report(
            String owner, String team, Instant createdFrom, Instant createdTo, Instant closedFrom, Instant closedTo) {
        PipelineStatsQuery query =
                new PipelineStatsQuery(owner, team, createdFrom, createdTo, closedFrom, closedTo, caller.scope());
        return transactor.inTransaction(() -> {
            PipelineStatsCalculator calculator = new PipelineStatsCalculator(pipeline, clock.instant());
            store.visits(query, calculator::addDeal);
            return calculator.result(store.openTotals(query), store.closedBySource(query));
        });
    }
}
