package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.auth.Principal;
import io.hearth.core.opportunity.PipelineStats;
import io.hearth.core.opportunity.PipelineStatsCalculator;
import io.hearth.core.opportunity.PipelineStatsQuery;
import io.hearth.core.opportunity.PipelineStatsStore;
import io.hearth.core.opportunity.Pipelines;
import java.time.Clock;
import java.time.Instant;

/**
 * Computes the pipeline statistics ({@link PipelineStatsCalculator}) of the deals in the caller's
 * scope, from what the store reads in one transaction: one moment's figures.
 */
public final class PipelineStatsReport {
    private final PipelineStatsStore store;
    private final Transactor transactor;
    private final Pipelines pipelines;
    private final Clock clock;
    private final CurrentCaller caller;

    public PipelineStatsReport(
            PipelineStatsStore store, Transactor transactor, Pipelines pipelines, Clock clock, CurrentCaller caller) {
        this.store = requireNonNull(store, "store is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
        this.pipelines = requireNonNull(pipelines, "pipelines is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.caller = requireNonNull(caller, "caller is null");
    }

    /**
     * The figures of the deals the arguments select (see {@link PipelineStatsQuery}), as the API
     * sends them: blank or {@code null} for no filter. The stages, their order and probabilities
     * are those of the team asked about, else of the caller's team, else the default pipeline.
     */
    public PipelineStats report(
            String owner, String team, Instant createdFrom, Instant createdTo, Instant closedFrom, Instant closedTo) {
        PipelineStatsQuery query =
                new PipelineStatsQuery(owner, team, createdFrom, createdTo, closedFrom, closedTo, caller.scope());
        return transactor.inTransaction(() -> {
            String pipelineTeam = query.team() != null
                    ? query.team()
                    : caller.principal().flatMap(Principal::team).orElse(null);
            PipelineStatsCalculator calculator =
                    new PipelineStatsCalculator(pipelines.ofTeam(pipelineTeam), clock.instant());
            store.visits(query, calculator::addDeal);
            return calculator.result(store.openTotals(query), store.closedBySource(query));
        });
    }
}
