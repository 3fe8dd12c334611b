package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

import io.hearth.core.contact.ContactId;
import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.lead.LeadId;
import io.hearth.core.queue.PersonKind;
import java.util.UUID;

/** A lead or a contact, as a touch or a follow-up names it: {@code leads/{id}} or {@code contacts/{id}}. */
public record PersonRef(PersonKind kind, UUID id) {
    public PersonRef {
        requireNonNull(kind, "kind is null");
        requireNonNull(id, "id is null");
    }

    public static PersonRef of(LeadId lead) {
        return new PersonRef(PersonKind.LEAD, lead.value());
    }

    public static PersonRef of(ContactId contact) {
        return new PersonRef(PersonKind.CONTACT, contact.value());
    }

    /** @param field the request field the name came from, named in errors */
    public static PersonRef fromName(String name, String field) {
        if (name != null && name.startsWith(LeadId.COLLECTION)) {
            return of(LeadId.fromName(name, field));
        }
        if (name != null && name.startsWith(ContactId.COLLECTION)) {
            return of(ContactId.fromName(name, field));
        }
        throw InvalidArgumentException.of(
                field,
                name == null || name.isBlank()
                        ? "required: a lead or contact name, e.g. leads/0190c0d2-... or contacts/0190c0d2-..."
                        : Excerpts.quoted(name) + " names neither a lead (leads/{id}) nor a contact (contacts/{id})");
    }

    public boolean isLead() {
        return kind == PersonKind.LEAD;
    }

    public LeadId leadId() {
        return new LeadId(id);
    }

    public ContactId contactId() {
        return new ContactId(id);
    }

    public String name() {
        return isLead() ? leadId().name() : contactId().name();
    }

    @Override
    public String toString() {
        return name();
    }
}
