package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

import io.hearth.core.contact.Contact;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.Temperature;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonRef;

/**
 * What the touch and cadence rules need to know about a lead or a contact.
 *
 * @param temperature the lead's temperature; {@code null} for a contact
 * @param source may be {@code null} for a contact entered without one
 */
public record Person(
        PersonRef ref, String owner, LeadSource source, Temperature temperature, boolean archived, boolean converted) {
    public Person {
        requireNonNull(ref, "ref is null");
    }

    public static Person of(Lead lead) {
        return new Person(
                PersonRef.of(lead.id()),
                lead.fields().owner(),
                lead.fields().source(),
                lead.fields().temperature(),
                lead.archived(),
                lead.fields().status() == LeadStatus.CONVERTED);
    }

    public static Person of(Contact contact) {
        return new Person(
                PersonRef.of(contact.id()),
                contact.fields().owner(),
                contact.fields().source(),
                null,
                contact.archived(),
                false);
    }
}
