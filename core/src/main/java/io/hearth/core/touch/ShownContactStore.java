package io.hearth.core.touch;

import io.hearth.core.contact.Contact;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.Scope;
import java.util.Optional;

/** {@link ShownLeadStore} for a contact: its row and tags, its cadence and its open step, in one read. */
public interface ShownContactStore {
    /**
     * The contact if it is in {@code scope}, as {@code ContactStore.find(ContactId, Scope)} gives
     * it, with what {@link CadenceStore#findWithOpenStep} gives for it.
     */
    Optional<ShownContact> findShown(ContactId id, Scope scope);

    record ShownContact(Contact contact, CadenceStore.Stored cadence) {}
}
