package io.hearth.core.person;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What every person has, lead or contact: the fields a rep writes on both, declared, cleaned
 * ({@link PersonFieldCleaner#clean}) and merged once. Leads and contacts add only what is theirs
 * (a lead's status and temperature, a contact's kind) and hand these out with {@code person()}.
 */
public record PersonFields(
        String givenName,
        String familyName,
        String company,
        String title,
        String email,
        String phone,
        String owner,
        String notes,
        List<String> tags) {

    public PersonFields {
        tags = List.copyOf(requireNonNull(tags, "tags is null"));
    }

    /** Given + family name, else company, else email, else phone. */
    public String displayName() {
        return DisplayNames.of(givenName, familyName, company, email, phone);
    }

    /** Whether nothing identifies the person: no name, no email, no phone. */
    public boolean nameless() {
        return givenName == null && familyName == null && email == null && phone == null;
    }
}
