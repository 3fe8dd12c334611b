package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

import io.hearth.core.contact.Contact;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.Temperature;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonRef;
import java.util.Optional;

/**
 * What the touch and cadence rules need to know about a lead or a contact.
 *
 * @param temperature the lead's temperature; {@code null} for a contact
 * @param source may be {@code null} for a contact entered without one
 * @param hasPhone a phone number is known: without one the cadence skips calls and texts
 * @param hasEmail an email address is known: without one the cadence skips emails
 */
public record Person(
        PersonRef ref,
        String owner,
        LeadSource source,
        Temperature temperature,
        boolean archived,
        boolean converted,
        boolean hasPhone,
        boolean hasEmail) {
    public Person {
        requireNonNull(ref, "ref is null");
    }

    /** A person reachable on every channel. */
    public Person(
            PersonRef ref,
            String owner,
            LeadSource source,
            Temperature temperature,
            boolean archived,
            boolean converted) {
        this(ref, owner, source, temperature, archived, converted, true, true);
    }

    /**
     * Why {@code channel} cannot reach this person, e.g. "no phone number: no call", or empty when
     * it may. Hearth keeps no postal address, so mail is never ruled out here: the rep or the CRM
     * may know the address.
     */
    public Optional<String> unreachableOn(Channel channel) {
        return switch (channel) {
            case PHONE -> hasPhone ? Optional.empty() : Optional.of("no phone number: no call");
            case SMS -> hasPhone ? Optional.empty() : Optional.of("no phone number: no text message");
            case EMAIL -> hasEmail ? Optional.empty() : Optional.of("no email address: no email");
            default -> Optional.empty();
        };
    }

    public static Person of(Lead lead) {
        return new Person(
                PersonRef.of(lead.id()),
                lead.fields().owner(),
                lead.fields().source(),
                lead.fields().temperature(),
                lead.archived(),
                lead.fields().status() == LeadStatus.CONVERTED,
                lead.fields().phone() != null,
                lead.fields().email() != null);
    }

    public static Person of(Contact contact) {
        return new Person(
                PersonRef.of(contact.id()),
                contact.fields().owner(),
                contact.fields().source(),
                null,
                contact.archived(),
                false,
                contact.fields().phone() != null,
                contact.fields().email() != null);
    }
}
