package io.hearth.core.opportunity;

import io.hearth.core.person.LeadSource;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the pipeline statistics read, for the deals a {@link PipelineStatsQuery} covers: sums the
 * database works out (so 100,000 deals are not loaded to add them up) and the stage histories,
 * handed over one deal at a time.
 */
public interface PipelineStatsStore {
    /** Open deals and their summed amount, per stage and currency. */
    List<StageTotal> openTotals(PipelineStatsQuery query);

    /** Closed deals per lead source (the one carried from the original lead) and outcome. */
    List<SourceOutcomes> closedBySource(PipelineStatsQuery query);

    /**
     * Every covered deal's stage visits, oldest first, one deal at a time, read with a cursor: the
     * caller keeps what it needs of each.
     */
    void visits(PipelineStatsQuery query, Consumer<List<StageVisit>> perDeal);

    /** @param amount the sum of the amounts of {@code deals} deals, all in {@code currency} */
    record StageTotal(String stage, String currency, int deals, BigDecimal amount) {}

    /** @param source {@code null} for deals whose contact carried no lead source */
    record SourceOutcomes(LeadSource source, int won, int lost) {}
}
