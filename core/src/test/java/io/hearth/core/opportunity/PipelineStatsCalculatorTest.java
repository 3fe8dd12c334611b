package io.hearth.core.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.core.person.LeadSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The pipeline figures against a fixture worked out by hand. Days are counted from day 0 (the
 * first of January 2026); "now" is day 30.
 *
 * <pre>
 * deal  visits (stage: from day - to day)                                    outcome
 * A     qualification 0-2, needs_analysis 2-6, proposal 6-16, closed_won 16   won
 * B     qualification 0-4, closed_lost 4                                      lost
 * C     qualification 0-1, proposal 1-30 (skips needs analysis; open, 29 days so far)  open
 * D     qualification 10-30 (open, 20 days so far)                            open
 * E     qualification 0-3, needs_analysis 3-5, qualification 5-8 (moved back),
 *       needs_analysis 8-30 (open, 22 days so far)                            open
 * F     qualification 0-2, closed_won 2-3, proposal 3-30 (reopened)           open
 * </pre>
 *
 * <ul>
 *   <li>qualification: entered by all 6; advanced: A, C, E (needs_analysis after), F (closed_won
 *       after); B went to lost: 4/6. Visits: A 2, B 4, C 1, D 20, E 3 and 3, F 2 -> sorted 1 2 2 3 3
 *       4 20: median 3.
 *   <li>needs_analysis: entered by A, E: A reached proposal, E never went further: 1/2. Visits: A 4,
 *       E 2 and 22 -> median 4.
 *   <li>proposal: entered by A, C, F: A won; C, F still open: 1/3. Visits: A 10, C 29, F 27 ->
 *       median 27.
 *   <li>negotiation: nobody: no rate, no median.
 *   <li>closed_won: entered by A, F; closed_lost: by B. No rate, no days.
 * </ul>
 */
class PipelineStatsCalculatorTest {
    private static final Instant DAY0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final double EPSILON = 1e-9;

    @Test
    void theFiguresAreTheHandWorkedOnes() {
        PipelineStatsCalculator calculator = new PipelineStatsCalculator(PipelineStages.DEFAULT, day(30));
        calculator.addDeal(visits("qualification", 0, "needs_analysis", 2, "proposal", 6, "closed_won", 16));
        calculator.addDeal(visits("qualification", 0, "closed_lost", 4));
        calculator.addDeal(visits("qualification", 0, "proposal", 1));
        calculator.addDeal(visits("qualification", 10));
        calculator.addDeal(visits("qualification", 0, "needs_analysis", 3, "qualification", 5, "needs_analysis", 8));
        calculator.addDeal(visits("qualification", 0, "closed_won", 2, "proposal", 3));

        PipelineStats stats = calculator.result(
                List.of(
                        // open deals: D (qualification, 1000 EUR), E (needs_analysis, 300 USD),
                        // C (proposal, 5000.50 EUR) and F (proposal, 200 USD)
                        new PipelineStatsStore.StageTotal("qualification", "EUR", 1, new BigDecimal("1000")),
                        new PipelineStatsStore.StageTotal("needs_analysis", "USD", 1, new BigDecimal("300")),
                        new PipelineStatsStore.StageTotal("proposal", "EUR", 1, new BigDecimal("5000.5")),
                        new PipelineStatsStore.StageTotal("proposal", "USD", 1, new BigDecimal("200"))),
                List.of(
                        new PipelineStatsStore.SourceOutcomes(LeadSource.WEB_FORM, 1, 0),
                        new PipelineStatsStore.SourceOutcomes(LeadSource.REFERRAL, 0, 1),
                        new PipelineStatsStore.SourceOutcomes(null, 2, 1)));

        assertThat(stats.dealsMeasured()).isEqualTo(6);
        assertThat(stats.stages())
                .extracting(PipelineStats.StageStats::stage)
                .containsExactly(
                        "qualification", "needs_analysis", "proposal", "negotiation", "closed_won", "closed_lost");
        PipelineStats.StageStats qualification = stats.stages().get(0);
        assertThat(qualification.entered()).isEqualTo(6);
        assertThat(qualification.advanced()).isEqualTo(4);
        assertThat(qualification.conversionRate().getAsDouble()).isCloseTo(4 / 6.0, within());
        assertThat(qualification.medianDays().getAsDouble()).isCloseTo(3, within());
        assertThat(qualification.visitsMeasured()).isEqualTo(7);
        assertThat(qualification.openDeals()).isEqualTo(1);
        assertThat(qualification.values())
                .containsExactly(
                        new PipelineStats.CurrencyValue("EUR", 1, new BigDecimal("1000"), new BigDecimal("100")));

        PipelineStats.StageStats analysis = stats.stages().get(1);
        assertThat(analysis.entered()).isEqualTo(2);
        assertThat(analysis.advanced()).isEqualTo(1);
        assertThat(analysis.conversionRate().getAsDouble()).isCloseTo(0.5, within());
        assertThat(analysis.medianDays().getAsDouble()).isCloseTo(4, within());
        assertThat(analysis.values())
                .containsExactly(
                        new PipelineStats.CurrencyValue("USD", 1, new BigDecimal("300"), new BigDecimal("75")));

        PipelineStats.StageStats proposal = stats.stages().get(2);
        assertThat(proposal.entered()).isEqualTo(3);
        assertThat(proposal.advanced()).isEqualTo(1);
        assertThat(proposal.conversionRate().getAsDouble()).isCloseTo(1 / 3.0, within());
        assertThat(proposal.medianDays().getAsDouble()).isCloseTo(27, within());
        assertThat(proposal.openDeals()).isEqualTo(2);
        // 50 % of 5000.5 is 2500.25; of 200, 100: never added across currencies
        assertThat(proposal.values())
                .containsExactly(
                        new PipelineStats.CurrencyValue("EUR", 1, new BigDecimal("5000.5"), new BigDecimal("2500.25")),
                        new PipelineStats.CurrencyValue("USD", 1, new BigDecimal("200"), new BigDecimal("100")));

        PipelineStats.StageStats negotiation = stats.stages().get(3);
        assertThat(negotiation.entered()).isZero();
        assertThat(negotiation.conversionRate()).isEmpty();
        assertThat(negotiation.medianDays()).isEmpty();

        PipelineStats.StageStats won = stats.stages().get(4);
        assertThat(won.entered()).isEqualTo(2);
        assertThat(won.conversionRate()).isEmpty();
        assertThat(won.medianDays()).isEmpty();
        assertThat(stats.stages().get(5).entered()).isEqualTo(1);

        assertThat(stats.openTotals())
                .containsExactly(
                        new PipelineStats.CurrencyValue("EUR", 2, new BigDecimal("6000.5"), new BigDecimal("2600.25")),
                        new PipelineStats.CurrencyValue("USD", 2, new BigDecimal("500"), new BigDecimal("175")));

        assertThat(stats.winRateBySource())
                .containsExactly(
                        new PipelineStats.SourceWinRate(LeadSource.WEB_FORM, 1, 1),
                        new PipelineStats.SourceWinRate(LeadSource.REFERRAL, 1, 0),
                        new PipelineStats.SourceWinRate(null, 3, 2));
        assertThat(stats.winRateBySource().get(2).rate()).isCloseTo(2 / 3.0, within());
    }

    @Test
    void aStageThePipelineNoLongerHasIsListedAfterItsStagesWithoutARate() {
        PipelineStatsCalculator calculator = new PipelineStatsCalculator(PipelineStages.DEFAULT, day(10));
        calculator.addDeal(visits("discovery", 0, "proposal", 4));

        PipelineStats stats = calculator.result(
                List.of(new PipelineStatsStore.StageTotal("demo", "EUR", 1, new BigDecimal("10"))), List.of());

        assertThat(stats.stages())
                .extracting(PipelineStats.StageStats::stage)
                .endsWith("closed_lost", "demo", "discovery");
        PipelineStats.StageStats discovery = stats.stages().get(stats.stages().size() - 1);
        assertThat(discovery.inPipeline()).isFalse();
        assertThat(discovery.entered()).isEqualTo(1);
        assertThat(discovery.conversionRate()).isEmpty();
        assertThat(discovery.medianDays()).isEqualTo(OptionalDouble.of(4));
        PipelineStats.StageStats demo = stats.stages().get(stats.stages().size() - 2);
        assertThat(demo.values())
                .containsExactly(new PipelineStats.CurrencyValue("EUR", 1, new BigDecimal("10"), BigDecimal.ZERO));
    }

    @Test
    void weightedValuesKeepNineDecimals() {
        assertThat(PipelineStatsCalculator.weighted(new BigDecimal("0.000000001"), 50))
                .isEqualTo(new BigDecimal("0"));
        assertThat(PipelineStatsCalculator.weighted(new BigDecimal("0.000000003"), 50))
                .isEqualTo(new BigDecimal("0.000000002"));
        assertThat(PipelineStatsCalculator.weighted(new BigDecimal("123.45"), 10))
                .isEqualTo(new BigDecimal("12.345"));
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(EPSILON);
    }

    private static Instant day(int n) {
        return DAY0.plusSeconds(86_400L * n);
    }

    /** Visits from alternating stage names and start days; each ends when the next starts, the last is open. */
    private static List<StageVisit> visits(Object... stageAndDay) {
        List<StageVisit> visits = new ArrayList<>();
        for (int i = 0; i < stageAndDay.length; i += 2) {
            Instant left = i + 3 < stageAndDay.length ? day((Integer) stageAndDay[i + 3]) : null;
            visits.add(new StageVisit((String) stageAndDay[i], day((Integer) stageAndDay[i + 1]), left, null));
        }
        return visits;
    }
}
