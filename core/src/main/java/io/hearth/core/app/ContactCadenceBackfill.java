package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactStore;
import io.hearth.core.person.ContactId;
import io.hearth.core.touch.CadenceStore;
import io.hearth.core.touch.ContactCadenceStart;
import io.hearth.core.touch.ContactQueue;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Gives the contacts stored before every contact got its cadence's first step as it arrived their
 * first step and queue entry, as the server starts. It works on contacts that have no cadence yet,
 * so it does its work once: a later start finds none, and of several servers starting together
 * each contact is started by one ({@link ContactCadenceStart} locks the contact and looks again).
 */
public final class ContactCadenceBackfill {
    private final CadenceStore cadences;
    private final ContactStore contacts;
    private final ContactCadenceStart start;
    private final ContactQueue queue;
    private final Transactor transactor;

    public ContactCadenceBackfill(
            CadenceStore cadences,
            ContactStore contacts,
            ContactCadenceStart start,
            ContactQueue queue,
            Transactor transactor) {
        this.cadences = requireNonNull(cadences, "cadences is null");
        this.contacts = requireNonNull(contacts, "contacts is null");
        this.start = requireNonNull(start, "start is null");
        this.queue = requireNonNull(queue, "queue is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
    }

    /**
     * Starts the cadences, {@code batchSize} contacts per transaction in id order; stops early when
     * the thread is interrupted. Returns how many it started.
     */
    public int run(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        int started = 0;
        UUID after = null;
        while (!Thread.currentThread().isInterrupted()) {
            UUID from = after;
            List<UUID> batch = transactor.inTransaction(() -> cadences.contactsWithoutCadence(from, batchSize));
            if (batch.isEmpty()) {
                break;
            }
            List<UUID> ids = batch;
            started += transactor.inTransaction(() -> {
                int n = 0;
                for (UUID id : ids) {
                    Optional<Contact> contact = contacts.find(new ContactId(id));
                    if (contact.isPresent() && start.start(contact.get())) {
                        queue.written(contact.get());
                        n++;
                    }
                }
                return n;
            });
            if (batch.size() < batchSize) {
                break;
            }
            after = batch.get(batch.size() - 1);
        }
        return started;
    }
}
