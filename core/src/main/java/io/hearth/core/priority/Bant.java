package io.hearth.core.priority;

import static java.util.Objects.requireNonNull;

/**
 * Qualification: can they pay (budget), can this person decide (authority), do they truly need it
 * (need), and when will they buy (timescale). All four yes makes a lead qualified.
 */
public record Bant(Answer budget, Answer authority, Answer need, Answer timescale) {
    public static final Bant UNKNOWN = new Bant(Answer.UNKNOWN, Answer.UNKNOWN, Answer.UNKNOWN, Answer.UNKNOWN);

    public Bant {
        requireNonNull(budget, "budget is null");
        requireNonNull(authority, "authority is null");
        requireNonNull(need, "need is null");
        requireNonNull(timescale, "timescale is null");
    }

    public boolean qualified() {
        return yesCount() == 4;
    }

    public int yesCount() {
        return count(Answer.YES);
    }

    public int noCount() {
        return count(Answer.NO);
    }

    private int count(Answer answer) {
        int n = 0;
        for (Answer a : new Answer[] {budget, authority, need, timescale}) {
            if (a == answer) {
                n++;
            }
        }
        return n;
    }
}
