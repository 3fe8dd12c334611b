package io.hearth.core.person;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What every person has, lead or contact: the fields a rep writes on both, declared here once
 * ({@link PersonField} names them in update masks), cleaned once ({@link PersonFieldCleaner#clean}),
 * merged once and stored and mapped once. Leads and contacts add only what is theirs (a lead's status
 * and temperature, a contact's kind) around this value; {@link HasPersonFields} hands its fields out.
 *
 * @param source where the person came from; {@code null} for a contact entered without one (the
 *     lead rules give a lead {@link LeadSource#OTHER} when none is said)
 */
public record PersonFields(
        String givenName,
        String familyName,
        String company,
        String title,
        String email,
        String phone,
        LeadSource source,
        String owner,
        String notes,
        List<String> tags)
        implements HasPersonFields {

    public static final PersonFields EMPTY =
            new PersonFields(null, null, null, null, null, null, null, null, null, List.of());

    public PersonFields {
        tags = List.copyOf(requireNonNull(tags, "tags is null"));
    }

    /** Itself: the fields every person has are these. */
    @Override
    public PersonFields person() {
        return this;
    }

    /** Given + family name, else company, else email, else phone. */
    @Override
    public String displayName() {
        return DisplayNames.of(givenName, familyName, company, email, phone);
    }

    /** Whether nothing identifies the person: no name, no email, no phone. */
    public boolean nameless() {
        return givenName == null && familyName == null && email == null && phone == null;
    }

    /** A copy with {@code source}. */
    public PersonFields withSource(LeadSource newSource) {
        return new PersonFields(givenName, familyName, company, title, email, phone, newSource, owner, notes, tags);
    }
}
