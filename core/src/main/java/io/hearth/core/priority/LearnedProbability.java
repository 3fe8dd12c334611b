package io.hearth.core.priority;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The probability model the team's own history supports: naive Bayes learned from its latest
 * closed leads (converted = won, unqualified = lost), or the rules while that history is thin.
 * Retraining swaps the model atomically; ratings in flight use the one they started with.
 */
public final class LearnedProbability implements ProbabilityModel {
    /** Enough closed leads of each kind for frequencies to mean something. */
    public static final int MINIMUM_PER_CLASS = 30;
    /** The newest closed leads reflect how the team sells now. */
    public static final int HISTORY = 20_000;

    private final LeadProfileStore profiles;
    private final ProbabilityModel rules;
    private volatile NaiveBayesProbability current;

    public LearnedProbability(LeadProfileStore profiles, ProbabilityModel rules) {
        this.profiles = requireNonNull(profiles, "profiles is null");
        this.rules = requireNonNull(rules, "rules is null");
        this.current = new NaiveBayesProbability(List.of(), MINIMUM_PER_CLASS, rules);
    }

    /** Learns again from the latest closed leads; returns whether there was enough history. */
    public boolean retrain() {
        NaiveBayesProbability trained = new NaiveBayesProbability(profiles.closedLeads(HISTORY), MINIMUM_PER_CLASS,
                rules);
        current = trained;
        return trained.learned();
    }

    public boolean learned() {
        return current.learned();
    }

    @Override
    public double probabilityToClose(LeadSignals lead, Temperature grade) {
        return current.probabilityToClose(lead, grade);
    }
}
