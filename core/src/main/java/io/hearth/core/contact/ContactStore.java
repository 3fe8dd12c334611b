package io.hearth.core.contact;

import io.hearth.core.lead.LeadId;
import io.hearth.core.query.Page;
import java.util.Optional;

/** Where contacts are kept. Calls join the caller's transaction when one is open. */
public interface ContactStore {
    /**
     * Stores a new contact.
     *
     * @return false when its {@code convertedFrom} lead already converted into another contact
     */
    boolean insert(Contact contact);

    Optional<Contact> find(ContactId id);

    Optional<Contact> findConvertedFrom(LeadId lead);

    /** @return false when the row moved past {@code expectedVersion} */
    boolean update(Contact contact, long expectedVersion);

    Page<Contact> list(ContactQuery query);
}
