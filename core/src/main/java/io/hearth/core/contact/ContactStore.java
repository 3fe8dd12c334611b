package io.hearth.core.contact;

import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.Scope;
import io.hearth.core.query.Page;
import java.util.Optional;

/** Where contacts are kept. Calls join the caller's transaction when one is open. */
public interface ContactStore {
    /**
     * Stores a new contact.
     *
     * @return false when its {@code convertedFrom} lead already converted into another contact
     */
    default boolean insert(Contact contact) {
        return insert(contact, null);
    }

    /**
     * Stores a new contact made by a CreateContact call; {@code createRequestId} may be {@code null}.
     *
     * @return false when its {@code convertedFrom} lead already converted into another contact, or
     *     another contact already carries {@code createRequestId}
     */
    boolean insert(Contact contact, String createRequestId);

    /** The contact a CreateContact call with this request id made. */
    Optional<Contact> findByCreateRequestId(String createRequestId);

    Optional<Contact> find(ContactId id);

    /** The contact if it is in {@code scope}: the scope is a condition of the query, not a check after it. */
    Optional<Contact> find(ContactId id, Scope scope);

    Optional<Contact> findConvertedFrom(LeadId lead);

    /** @return false when the row moved past {@code expectedVersion} */
    boolean update(Contact contact, long expectedVersion);

    /** How many of the contact's deals are open and not archived (whoever owns them). */
    int openDeals(ContactId id);

    Page<Contact> list(ContactQuery query);
}
