package io.hearth.core.person;

import java.util.Locale;

/**
 * A field an update mask can name: one of the {@link PersonField}s every person has, or a field
 * of a lead's or a contact's own. Implemented by enums.
 */
public interface MaskField {
    /** The enum constant's name. */
    String name();

    /** The name used in update masks and error details, e.g. {@code given_name}. */
    default String path() {
        return name().toLowerCase(Locale.ROOT);
    }
}
