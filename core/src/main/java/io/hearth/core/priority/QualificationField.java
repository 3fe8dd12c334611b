package io.hearth.core.priority;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The parts of a qualification a rep writes, by the paths an update mask uses (AIP-134). */
public enum QualificationField {
    NEED_BY("need_by"),
    ESTIMATED_VALUE("estimated_value"),
    REFERRAL("referral"),
    BUDGET("bant.budget"),
    AUTHORITY("bant.authority"),
    NEED("bant.need"),
    TIMESCALE("bant.timescale"),
    NOTE("note"),
    LEAD_LEVEL("lead_level");

    /** Every BANT answer at once. */
    public static final String BANT_PATH = "bant";
    /** The whole qualification: a full replacement, as QualifyLead did before it took a mask. */
    public static final String ALL_PATH = "*";

    private static final Set<QualificationField> BANT = EnumSet.of(BUDGET, AUTHORITY, NEED, TIMESCALE);
    private static final Set<String> OUTPUT_ONLY = Set.of("qualified", "etag");

    private final String path;

    QualificationField(String path) {
        this.path = path;
    }

    /** The name used in update masks and error details, e.g. {@code bant.budget}. */
    public String path() {
        return path;
    }

    /**
     * Parses update-mask paths; {@code bant} stands for its four answers, {@code *} for every field.
     *
     * @param field the request field holding the mask, named in the error
     */
    public static Set<QualificationField> fromPaths(Iterable<String> paths, String field) {
        Set<QualificationField> result = EnumSet.noneOf(QualificationField.class);
        for (String path : paths) {
            if (path.equals(ALL_PATH)) {
                result.addAll(EnumSet.allOf(QualificationField.class));
            } else if (path.equals(BANT_PATH)) {
                result.addAll(BANT);
            } else if (OUTPUT_ONLY.contains(path)) {
                throw InvalidArgumentException.of(
                        field, Excerpts.quoted(path) + " is output only and cannot be updated");
            } else {
                result.add(Arrays.stream(values())
                        .filter(f -> f.path.equals(path))
                        .findFirst()
                        .orElseThrow(() -> InvalidArgumentException.of(
                                field,
                                Excerpts.quoted(path) + " is not a qualification field; use any of " + pathNames())));
            }
        }
        return result;
    }

    /** {@code current} with the {@code mask}ed fields taken from {@code changes}. */
    public static Qualification apply(Qualification current, Qualification changes, Set<QualificationField> mask) {
        Bant bant = new Bant(
                mask.contains(BUDGET) ? changes.bant().budget() : current.bant().budget(),
                mask.contains(AUTHORITY)
                        ? changes.bant().authority()
                        : current.bant().authority(),
                mask.contains(NEED) ? changes.bant().need() : current.bant().need(),
                mask.contains(TIMESCALE)
                        ? changes.bant().timescale()
                        : current.bant().timescale());
        return new Qualification(
                mask.contains(NEED_BY) ? changes.needBy() : current.needBy(),
                mask.contains(ESTIMATED_VALUE) ? changes.estimatedValue() : current.estimatedValue(),
                mask.contains(REFERRAL) ? changes.referral() : current.referral(),
                bant,
                mask.contains(NOTE) ? changes.note() : current.note(),
                mask.contains(LEAD_LEVEL) ? changes.leadLevel() : current.leadLevel());
    }

    private static String pathNames() {
        return Arrays.stream(values()).map(QualificationField::path).collect(Collectors.joining(", ")) + ", "
                + BANT_PATH + " (all four answers) or " + ALL_PATH + " (everything)";
    }
}
