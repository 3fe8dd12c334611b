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

    /** Learns again from the latest closed leads. */
    public Retraining retrain() {
        NaiveBayesProbability trained =
                new NaiveBayesProbability(profiles.closedLeads(HISTORY), MINIMUM_PER_CLASS, rules);
        NaiveBayesProbability previous = current;
        current = trained;
        return new Retraining(trained.learned(), !trained.sameAs(previous));
    }

    /**
     * What a retraining found.
     *
     * @param learned there was enough history to learn from (else the rules answer)
     * @param changed the model now answers differently than before: stored ratings are out of date
     */
    public record Retraining(boolean learned, boolean changed) {}

    public boolean learned() {
        return current.learned();
    }

    @Override
    public double probabilityToClose(LeadSignals lead, Temperature grade) {
        return current.probabilityToClose(lead, grade);
    }
}
