package io.hearth.core.opportunity;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.LeadSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Works out {@link PipelineStats} from what the store read: the open totals and closed outcomes it
 * summed, and each deal's stage visits, fed one deal at a time ({@link #addDeal}). It keeps, per
 * stage, two counts and one number per visit (for the median), never the deals themselves.
 *
 * <p>The rules:
 *
 * <ul>
 *   <li><b>value</b>: the open deals' amounts added up per stage and currency; <b>weighted value</b>:
 *       each of those sums times the stage's probability / 100 (9 decimals, half even).
 *   <li><b>conversion</b> of an open stage: of the deals that entered it, the share that afterwards
 *       entered a stage after it in the pipeline's order, closed won counting as after every open
 *       stage and closed lost after none. A deal counts once per stage however often it was there;
 *       skipping a stage counts as passing it only for stages the deal was in.
 *   <li><b>days in stage</b>: the median length of the visits to an open stage, in days; a visit
 *       still going on counts with its length so far (so deals stuck there show), a deal that came
 *       back counts once per visit.
 *   <li><b>win rate</b> by lead source: won / (won + lost) of the closed deals.
 * </ul>
 */
public final class PipelineStatsCalculator {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final double SECONDS_PER_DAY = 86_400;

    private final PipelineStages pipeline;
    private final Instant now;
    /** An open stage's place in the pipeline; closed won after them all; closed lost has none. */
    private final Map<String, Integer> rank = new HashMap<>();

    private final Map<String, int[]> enteredAdvanced = new HashMap<>();
    private final Map<String, Durations> days = new HashMap<>();
    private final Set<String> unknownStages = new TreeSet<>();
    private int deals;

    public PipelineStatsCalculator(PipelineStages pipeline, Instant now) {
        this.pipeline = requireNonNull(pipeline, "pipeline is null");
        this.now = requireNonNull(now, "now is null");
        int place = 0;
        for (PipelineStage stage : pipeline.stages()) {
            if (!stage.closing()) {
                rank.put(stage.key(), place++);
            }
        }
        rank.put(pipeline.closingStage(Outcome.WON).key(), place);
    }

    /** One deal's stage visits, oldest first. */
    public void addDeal(List<StageVisit> visits) {
        if (visits.isEmpty()) {
            return;
        }
        deals++;
        Set<String> counted = new HashSet<>();
        for (int i = 0; i < visits.size(); i++) {
            StageVisit visit = visits.get(i);
            String stage = visit.stage();
            PipelineStage known = pipeline.find(stage).orElse(null);
            if (known == null) {
                unknownStages.add(stage);
            }
            if (known == null || !known.closing()) {
                Instant end = visit.leftAt() == null ? now : visit.leftAt();
                double length =
                        Math.max(0, Duration.between(visit.enteredAt(), end).toMillis() / 1000.0);
                days.computeIfAbsent(stage, s -> new Durations()).add(length / SECONDS_PER_DAY);
            }
            if (!counted.add(stage)) {
                continue;
            }
            int[] counts = enteredAdvanced.computeIfAbsent(stage, s -> new int[2]);
            counts[0]++;
            Integer from = rank.get(stage);
            if (from != null && known != null && !known.closing()) {
                for (int j = i + 1; j < visits.size(); j++) {
                    Integer to = rank.get(visits.get(j).stage());
                    if (to != null && to > from) {
                        counts[1]++;
                        break;
                    }
                }
            }
        }
    }

    /**
     * The figures, with the sums the store worked out.
     *
     * @param totals the open deals per stage and currency
     * @param bySource the closed deals per lead source
     */
    public PipelineStats result(
            List<PipelineStatsStore.StageTotal> totals, List<PipelineStatsStore.SourceOutcomes> bySource) {
        Map<String, List<PipelineStats.CurrencyValue>> values = new HashMap<>();
        Map<String, BigDecimal[]> perCurrency = new TreeMap<>();
        Map<String, Integer> dealsPerCurrency = new TreeMap<>();
        for (PipelineStatsStore.StageTotal total : totals.stream()
                .sorted(Comparator.comparing(PipelineStatsStore.StageTotal::currency))
                .toList()) {
            PipelineStage known = pipeline.find(total.stage()).orElse(null);
            if (known == null) {
                unknownStages.add(total.stage());
            }
            int probability = known == null ? 0 : known.probability();
            BigDecimal weighted = weighted(total.amount(), probability);
            values.computeIfAbsent(total.stage(), s -> new ArrayList<>())
                    .add(new PipelineStats.CurrencyValue(total.currency(), total.deals(), total.amount(), weighted));
            BigDecimal[] sums = perCurrency.computeIfAbsent(
                    total.currency(), c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            sums[0] = sums[0].add(total.amount());
            sums[1] = sums[1].add(weighted);
            dealsPerCurrency.merge(total.currency(), total.deals(), Integer::sum);
        }
        List<PipelineStats.StageStats> stages = new ArrayList<>();
        for (PipelineStage stage : pipeline.stages()) {
            stages.add(stageStats(stage.key(), stage.probability(), true, !stage.closing(), values));
        }
        for (String unknown : unknownStages) {
            stages.add(stageStats(unknown, 0, false, false, values));
        }
        List<PipelineStats.CurrencyValue> openTotals = new ArrayList<>();
        perCurrency.forEach((currency, sums) -> openTotals.add(
                new PipelineStats.CurrencyValue(currency, dealsPerCurrency.get(currency), sums[0], sums[1])));
        Map<LeadSource, int[]> sources = new LinkedHashMap<>();
        bySource.stream()
                .sorted(Comparator.comparing(
                        PipelineStatsStore.SourceOutcomes::source, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(s -> {
                    int[] counts = sources.computeIfAbsent(s.source(), k -> new int[2]);
                    counts[0] += s.won() + s.lost();
                    counts[1] += s.won();
                });
        List<PipelineStats.SourceWinRate> winRates = new ArrayList<>();
        sources.forEach((source, c) -> winRates.add(new PipelineStats.SourceWinRate(source, c[0], c[1])));
        return new PipelineStats(stages, openTotals, winRates, deals, now);
    }

    private PipelineStats.StageStats stageStats(
            String stage,
            int probability,
            boolean inPipeline,
            boolean converts,
            Map<String, List<PipelineStats.CurrencyValue>> values) {
        List<PipelineStats.CurrencyValue> open = values.getOrDefault(stage, List.of());
        int[] counts = enteredAdvanced.getOrDefault(stage, new int[2]);
        Durations lengths = days.get(stage);
        return new PipelineStats.StageStats(
                stage,
                probability,
                inPipeline,
                open.stream().mapToInt(PipelineStats.CurrencyValue::deals).sum(),
                open,
                counts[0],
                counts[1],
                converts && counts[0] > 0 ? OptionalDouble.of((double) counts[1] / counts[0]) : OptionalDouble.empty(),
                lengths == null ? OptionalDouble.empty() : lengths.median(),
                lengths == null ? 0 : lengths.size);
    }

    /** {@code amount} times {@code probability} percent, to 9 decimals (half even), no trailing zeros. */
    static BigDecimal weighted(BigDecimal amount, int probability) {
        BigDecimal product = amount.multiply(BigDecimal.valueOf(probability))
                .divide(HUNDRED, 9, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return product.scale() < 0 ? product.setScale(0) : product;
    }

    /** A growing array of visit lengths: one double per visit, no boxing. */
    private static final class Durations {
        private double[] values = new double[16];
        private int size;

        void add(double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        OptionalDouble median() {
            if (size == 0) {
                return OptionalDouble.empty();
            }
            double[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int middle = size / 2;
            return OptionalDouble.of(size % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
        }
    }
}
