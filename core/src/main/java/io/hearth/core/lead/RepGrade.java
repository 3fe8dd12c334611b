package io.hearth.core.lead;

/**
 * What a write did to the rep's own temperature for a lead: nothing, set one (kept over the
 * model's), or cleared it (back to the model's).
 *
 * @param grade the rep's grade when {@code changed}; {@code null} means cleared
 */
public record RepGrade(boolean changed, Temperature grade) {
    public static final RepGrade UNCHANGED = new RepGrade(false, null);

    public static RepGrade set(Temperature grade) {
        return new RepGrade(true, grade);
    }

    public static RepGrade cleared() {
        return new RepGrade(true, null);
    }
}
