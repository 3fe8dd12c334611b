package io.hearth.core.error;

import static java.util.Objects.requireNonNull;

/** One bad input field: its path as the API names it (e.g. {@code email}) and what is wrong. */
public record FieldViolation(String field, String description) {
    public FieldViolation {
        requireNonNull(field, "field is null");
        requireNonNull(description, "description is null");
    }

    /** The same violation with its field nested under {@code parent} (e.g. {@code lead.email}). */
    public FieldViolation under(String parent) {
        return new FieldViolation(parent + "." + field, description);
    }
}
