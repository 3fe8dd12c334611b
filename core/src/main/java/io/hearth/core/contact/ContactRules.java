package io.hearth.core.contact;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.Violations;
import io.hearth.core.person.PersonFieldCleaner;
import io.hearth.core.person.PhoneNumbers;

/**
 * Cleans and checks what a rep writes on a contact, with the same conventions as the lead rules
 * (trimmed text, E.164 phones, lower-case tags), and reports every bad field at once.
 */
public final class ContactRules {

    private final PersonFieldCleaner cleaner;

    public ContactRules(PhoneNumbers phoneNumbers) {
        this.cleaner = new PersonFieldCleaner(requireNonNull(phoneNumbers, "phoneNumbers is null"));
    }

    /** The cleaned fields of a new contact; the kind is required, because it says why the person is a contact. */
    public ContactFields forCreate(ContactFields input) {
        Violations violations = new Violations();
        if (input.kind() == null) {
            violations.add(
                    "kind",
                    "required: prospect, active-client, dormant-client, supplier, partner or associate "
                            + "(people in the target market normally start as leads)");
        }
        return clean(input, violations);
    }

    /** The cleaned result of an update; an unset kind keeps the stored one. */
    public ContactFields forUpdate(ContactFields previous, ContactFields merged) {
        ContactFields withKind =
                merged.kind() == null ? merged.toBuilder().kind(previous.kind()).build() : merged;
        return clean(withKind, new Violations());
    }

    private ContactFields clean(ContactFields in, Violations violations) {
        ContactFields cleaned = in.withPerson(cleaner.clean(in.person(), "contact", violations));
        // a contact may be a company alone: a supplier's or partner's switchboard
        if (cleaned.person().nameless() && cleaned.company() == null) {
            String why = "a contact needs a name, a company, an email or a phone number: set at least one";
            violations
                    .add("given_name", why)
                    .add("company", why)
                    .add("email", why)
                    .add("phone", why);
        }
        violations.throwIfAny();
        return cleaned;
    }
}
