package io.hearth.core.contact;

import io.hearth.core.person.MaskField;

/**
 * The fields of a contact's own that an update mask can name; the fields every person has are
 * {@link io.hearth.core.person.PersonField}s.
 */
public enum ContactField implements MaskField {
    KIND
}
