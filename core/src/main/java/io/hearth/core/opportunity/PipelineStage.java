package io.hearth.core.opportunity;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * One stage of the sales pipeline.
 *
 * @param key how the API names the stage, e.g. {@code needs_analysis}: lower-case letters, digits and underscores
 * @param displayName how people read it, e.g. "Needs analysis"
 * @param probability the default chance, in percent (0 to 100), that a deal in this stage is won
 * @param stallDays how many days a deal may sit in this stage before it counts as stalled; 0 for
 *     the closing stages, where a deal no longer moves
 * @param outcome {@link Outcome#OPEN} for the stages a deal moves through; {@link Outcome#WON} or
 *     {@link Outcome#LOST} for the stage a deal closing that way ends in
 */
public record PipelineStage(String key, String displayName, int probability, int stallDays, Outcome outcome) {
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    public PipelineStage {
        requireNonNull(key, "key is null");
        requireNonNull(displayName, "displayName is null");
        requireNonNull(outcome, "outcome is null");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("a stage key is 1 to 40 lower-case letters, digits or '_', got " + key);
        }
        if (probability < 0 || probability > 100) {
            throw new IllegalArgumentException("a stage's probability is 0 to 100 percent, got " + probability);
        }
        if (stallDays < 0) {
            throw new IllegalArgumentException("a stage's stall limit is never negative, got " + stallDays);
        }
    }

    public boolean closing() {
        return outcome.closed();
    }
}
