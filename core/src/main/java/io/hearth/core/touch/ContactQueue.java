package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactObserver;
import io.hearth.core.contact.ContactStore;
import io.hearth.core.person.PersonKind;
import io.hearth.core.person.PersonRef;
import io.hearth.core.queue.QueueStore;

/**
 * Keeps every contact's queue entry current: after each follow-up write (as a {@link TouchObserver})
 * and each contact write, conversion included (as a {@link ContactObserver}), inside that write's
 * transaction. A follow-up coming due needs no write: the entry was placed with the due time, from
 * which the queue shows it.
 */
public final class ContactQueue implements TouchObserver, ContactObserver {
    private final ContactStore contacts;
    private final CadenceStandings standings;
    private final QueueStore queue;

    public ContactQueue(ContactStore contacts, CadenceStandings standings, QueueStore queue) {
        this.contacts = requireNonNull(contacts, "contacts is null");
        this.standings = requireNonNull(standings, "standings is null");
        this.queue = requireNonNull(queue, "queue is null");
    }

    @Override
    public void logged(Touch touch) {
        // a touch alone does not move a contact: the cadence moves (planChanged) or nothing does
    }

    @Override
    public void planChanged(PersonRef person) {
        if (!person.isLead()) {
            contacts.find(person.contactId()).ifPresent(this::written);
        }
    }

    @Override
    public void written(Contact contact) {
        ContactQueueRules.entryFor(contact, standings.of(PersonRef.of(contact.id())))
                .ifPresentOrElse(queue::put, () -> queue.remove(contact.id().value(), PersonKind.CONTACT));
    }
}
