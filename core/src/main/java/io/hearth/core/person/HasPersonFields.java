package io.hearth.core.person;

import java.util.List;

/**
 * A lead's or a contact's fields: the {@link PersonFields} every person has, read through here so
 * that each shared field is declared once, plus what the implementing type adds of its own.
 */
public interface HasPersonFields {
    PersonFields person();

    default String givenName() {
        return person().givenName();
    }

    default String familyName() {
        return person().familyName();
    }

    default String company() {
        return person().company();
    }

    default String title() {
        return person().title();
    }

    default String email() {
        return person().email();
    }

    default String phone() {
        return person().phone();
    }

    default LeadSource source() {
        return person().source();
    }

    default String owner() {
        return person().owner();
    }

    default String notes() {
        return person().notes();
    }

    default List<String> tags() {
        return person().tags();
    }

    /** Given + family name, else company, else email, else phone. */
    default String displayName() {
        return person().displayName();
    }
}
