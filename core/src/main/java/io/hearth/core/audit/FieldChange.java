package io.hearth.core.audit;

import static java.util.Objects.requireNonNull;

/**
 * One field a write changed, by its API path ({@code email}, {@code status}), with its value before
 * and after as text; {@code null} when the field was empty. A secret's values are never kept.
 */
public record FieldChange(String field, String oldValue, String newValue) {
    public FieldChange {
        requireNonNull(field, "field is null");
    }
}
