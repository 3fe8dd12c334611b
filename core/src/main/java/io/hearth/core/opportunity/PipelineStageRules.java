package io.hearth.core.opportunity;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.Violations;
import io.hearth.core.resource.ControlCharacters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a team's open stages must be: at least one and at most {@value #MAX_STAGES}, each with a
 * unique key of lower-case letters, digits and '_' (not a closing stage's: those are fixed), a
 * probability of 0 to 100 percent and a stall limit of 1 to {@value #MAX_STALL_DAYS} days.
 * Violations are named by request field ({@code stages[2].probability}), all at once.
 */
public final class PipelineStageRules {
    public static final int MAX_STAGES = 20;
    public static final int MAX_STALL_DAYS = 365;
    public static final int MAX_DISPLAY_NAME = 100;

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    /**
     * The stages, checked and cleaned, in order.
     *
     * @param closing the keys of the fixed closing stages, which a team may not name
     * @throws io.hearth.core.error.InvalidArgumentException naming every bad field
     */
    public List<PipelineStage> check(List<PipelineStageInput> inputs, Set<String> closing, String field) {
        Violations violations = new Violations();
        if (inputs.isEmpty()) {
            violations.add(field, "required: the open stages, in order (the closing stages are fixed)");
        }
        if (inputs.size() > MAX_STAGES) {
            violations.add(field, "at most " + MAX_STAGES + " open stages, got " + inputs.size());
        }
        List<PipelineStage> stages = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            PipelineStageInput in = inputs.get(i);
            String at = field + "[" + i + "]";
            String key = in.key() == null
                    ? ""
                    : in.key()
                            .strip()
                            .toLowerCase(Locale.ROOT)
                            .replace('-', '_')
                            .replace(' ', '_');
            boolean good = true;
            if (key.isEmpty()) {
                violations.add(at + ".key", "required: the stage's key, e.g. discovery");
                good = false;
            } else if (!KEY.matcher(key).matches()) {
                violations.add(
                        at + ".key",
                        Excerpts.quoted(in.key()) + " is not a stage key: 1 to 40 lower-case letters, digits or '_',"
                                + " starting with a letter");
                good = false;
            } else if (closing.contains(key)) {
                violations.add(
                        at + ".key", key + " is a closing stage: the closing stages are fixed, list the open ones");
                good = false;
            } else if (!keys.add(key)) {
                violations.add(at + ".key", "two stages are named " + key + ": each stage's key is unique");
                good = false;
            }
            String display = in.displayName() == null ? "" : in.displayName().strip();
            String problem = ControlCharacters.lineProblem(display);
            if (problem != null) {
                violations.add(at + ".display_name", problem);
                good = false;
            } else if (display.length() > MAX_DISPLAY_NAME) {
                violations.add(
                        at + ".display_name",
                        "must be at most " + MAX_DISPLAY_NAME + " characters, got " + display.length());
                good = false;
            }
            if (in.probability() < 0 || in.probability() > 100) {
                violations.add(at + ".probability", "must be 0 to 100 (percent), got " + in.probability());
                good = false;
            }
            if (in.stallDays() < 1 || in.stallDays() > MAX_STALL_DAYS) {
                violations.add(
                        at + ".stall_days",
                        "must be 1 to " + MAX_STALL_DAYS + " (days a deal may sit in the stage), got "
                                + in.stallDays());
                good = false;
            }
            if (good) {
                stages.add(new PipelineStage(
                        key,
                        display.isEmpty() ? displayName(key) : display,
                        in.probability(),
                        in.stallDays(),
                        Outcome.OPEN));
            }
        }
        violations.throwIfAny();
        return stages;
    }

    /** {@code needs_analysis} as people read it: "Needs analysis". */
    static String displayName(String key) {
        String words = key.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
