package io.hearth.core.priority;

import static java.util.Objects.requireNonNull;

import io.hearth.core.lead.Temperature;
import io.hearth.core.person.LeadSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Learns, from the team's own won and lost leads, how much each field value says about closing,
 * the way Odoo's predictive lead scoring does: a frequency-based naive Bayes with Laplace
 * smoothing, so a value seen once or never does not swing the answer to 0 or 1. With too little
 * history it answers with the {@code fallback} rules instead of guessing from noise.
 */
public final class NaiveBayesProbability implements ProbabilityModel {
    /** The fields the model learns from, each with the number of values it can take. */
    private static final Map<String, Feature> FEATURES = new LinkedHashMap<>();

    static {
        feature("source", LeadSource.values().length, s -> s.signals().source().name());
        feature(
                "referral",
                ReferralKind.values().length,
                s -> s.signals().referral().name());
        feature("level", 7, s -> Integer.toString(s.signals().leadLevel()));
        feature(
                "budget",
                Answer.values().length,
                s -> s.signals().bant().budget().name());
        feature(
                "authority",
                Answer.values().length,
                s -> s.signals().bant().authority().name());
        feature("need", Answer.values().length, s -> s.signals().bant().need().name());
        feature(
                "timescale",
                Answer.values().length,
                s -> s.signals().bant().timescale().name());
        feature("grade", Temperature.values().length, s -> s.grade().name());
    }

    private final ProbabilityModel fallback;
    private final int minimumPerClass;
    private final int won;
    private final int lost;
    private final Map<String, Integer> wonCounts = new HashMap<>();
    private final Map<String, Integer> lostCounts = new HashMap<>();

    /**
     * @param history closed leads to learn from
     * @param minimumPerClass the fewest won and the fewest lost leads worth learning from
     */
    public NaiveBayesProbability(List<ClosedLead> history, int minimumPerClass, ProbabilityModel fallback) {
        this.fallback = requireNonNull(fallback, "fallback is null");
        this.minimumPerClass = minimumPerClass;
        int wonTotal = 0;
        for (ClosedLead lead : history) {
            Map<String, Integer> counts = lead.won() ? wonCounts : lostCounts;
            wonTotal += lead.won() ? 1 : 0;
            FEATURES.forEach((name, feature) -> counts.merge(key(name, feature.value.apply(lead)), 1, Integer::sum));
        }
        this.won = wonTotal;
        this.lost = history.size() - wonTotal;
    }

    /** Whether there is enough history to learn from; otherwise every answer is the fallback's. */
    public boolean learned() {
        return won >= minimumPerClass && lost >= minimumPerClass;
    }

    /**
     * Whether both answer every lead alike: both fall back to the rules, or both learned the same
     * frequencies from the same number of won and lost leads.
     */
    public boolean sameAs(NaiveBayesProbability other) {
        if (!learned() || !other.learned()) {
            return learned() == other.learned() && fallback == other.fallback;
        }
        return won == other.won
                && lost == other.lost
                && wonCounts.equals(other.wonCounts)
                && lostCounts.equals(other.lostCounts);
    }

    @Override
    public double probabilityToClose(LeadSignals lead, Temperature grade) {
        if (!learned()) {
            return fallback.probabilityToClose(lead, grade);
        }
        ClosedLead candidate = new ClosedLead(lead, grade, false);
        // log space: a product of many small likelihoods underflows
        double logWon = Math.log(won);
        double logLost = Math.log(lost);
        for (Map.Entry<String, Feature> entry : FEATURES.entrySet()) {
            Feature feature = entry.getValue();
            String key = key(entry.getKey(), feature.value.apply(candidate));
            int wonWith = wonCounts.getOrDefault(key, 0);
            int lostWith = lostCounts.getOrDefault(key, 0);
            if (wonWith + lostWith == 0) {
                // a value the history never showed says nothing; smoothing alone would drag the
                // answer towards 50% because the classes differ in size
                continue;
            }
            logWon += Math.log((wonWith + 1.0) / (won + feature.cardinality));
            logLost += Math.log((lostWith + 1.0) / (lost + feature.cardinality));
        }
        return 1.0 / (1.0 + Math.exp(logLost - logWon));
    }

    private static void feature(String name, int cardinality, Function<ClosedLead, String> value) {
        FEATURES.put(name, new Feature(cardinality, value));
    }

    private static String key(String feature, String value) {
        return feature + "=" + value;
    }

    private record Feature(int cardinality, Function<ClosedLead, String> value) {}
}
