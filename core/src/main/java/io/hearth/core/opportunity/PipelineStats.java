package io.hearth.core.opportunity;

import io.hearth.core.person.LeadSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The pipeline's figures for a set of deals ({@link PipelineStatsQuery}); {@link
 * PipelineStatsCalculator} says how each is worked out. Money is never added across currencies:
 * every sum is per currency.
 *
 * @param stages the pipeline's stages in order, then any stage deals are in or were in that the
 *     pipeline no longer has, by name
 * @param openTotals the open deals of every stage, per currency
 * @param dealsMeasured the deals whose stage histories were read
 */
public record PipelineStats(
        List<StageStats> stages,
        List<CurrencyValue> openTotals,
        List<SourceWinRate> winRateBySource,
        int dealsMeasured,
        Instant computedAt) {

    public PipelineStats {
        stages = List.copyOf(stages);
        openTotals = List.copyOf(openTotals);
        winRateBySource = List.copyOf(winRateBySource);
    }

    /**
     * Open deals in one currency.
     *
     * @param value their amounts added up
     * @param weighted each amount times its stage's probability, added up
     */
    public record CurrencyValue(String currency, int deals, BigDecimal value, BigDecimal weighted) {}

    /**
     * One stage's figures.
     *
     * @param probability the stage's probability in percent; 0 for a stage the pipeline no longer has
     * @param inPipeline false for a stage deals were in that the pipeline no longer has
     * @param openDeals open deals in the stage now
     * @param values those deals' value and weighted value per currency
     * @param entered deals that entered the stage at least once
     * @param advanced of those, the deals that later entered a stage after it in the pipeline's
     *     order (closed won is after every open stage; closed lost is after none)
     * @param conversionRate {@code advanced / entered}; empty for a closing stage, one the pipeline
     *     no longer has, or one no deal entered
     * @param medianDays the median length of a visit to the stage, in days, a visit still going on
     *     measured up to now; empty for a closing stage or one no deal visited
     * @param visitsMeasured how many visits {@code medianDays} is the median of
     */
    public record StageStats(
            String stage,
            int probability,
            boolean inPipeline,
            int openDeals,
            List<CurrencyValue> values,
            int entered,
            int advanced,
            OptionalDouble conversionRate,
            OptionalDouble medianDays,
            int visitsMeasured) {
        public StageStats {
            values = List.copyOf(values);
        }
    }

    /**
     * How often closed deals of one lead source were won.
     *
     * @param source {@code null} for deals whose contact carried no lead source
     */
    public record SourceWinRate(LeadSource source, int closed, int won) {
        /** {@code won / closed}; 0 when none closed. */
        public double rate() {
            return closed == 0 ? 0 : (double) won / closed;
        }
    }
}
