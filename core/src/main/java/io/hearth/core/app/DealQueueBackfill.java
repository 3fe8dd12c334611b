package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.opportunity.OpportunityStore;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.PersonRef;
import io.hearth.core.queue.QueueEntry;
import io.hearth.core.queue.QueueStore;
import io.hearth.core.touch.CadenceStore;
import io.hearth.core.touch.ContactQueue;
import io.hearth.core.upkeep.StartPassStore;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Places, as the server starts, the queue entries of contacts whose open deals were stored before
 * the queue weighed deals (V23), or by a sync that did not place them yet: such an entry shows only
 * the contact's follow-up (or nothing) until the next write on one of the deals. It re-places every
 * contact with an open deal whose entry is missing or names no deal, a page of contacts per
 * transaction, each under the contact's row lock (the one a cadence start takes: of several servers
 * starting together, one places a contact at a time and the others find it placed). A pass that
 * goes through to its end is recorded ({@link StartPassStore}), so it does its work once: a later
 * start finds it done. One stopped part-way (the server stopped) starts over at the next start.
 */
public final class DealQueueBackfill {
    /** The name it is recorded under once done. */
    static final String PASS = "place-deals-stored-before-v23";

    private final OpportunityStore deals;
    private final CadenceStore cadences;
    private final QueueStore queueEntries;
    private final ContactQueue queue;
    private final StartPassStore passes;
    private final Transactor transactor;
    private final Clock clock;

    public DealQueueBackfill(
            OpportunityStore deals,
            CadenceStore cadences,
            QueueStore queueEntries,
            ContactQueue queue,
            StartPassStore passes,
            Transactor transactor,
            Clock clock) {
        this.deals = requireNonNull(deals, "deals is null");
        this.cadences = requireNonNull(cadences, "cadences is null");
        this.queueEntries = requireNonNull(queueEntries, "queueEntries is null");
        this.queue = requireNonNull(queue, "queue is null");
        this.passes = requireNonNull(passes, "passes is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Places the entries, {@code batchSize} contacts per transaction in id order, unless the pass is
     * done already; stops early, without recording it done, when the thread is interrupted.
     * Returns how many entries it changed.
     */
    public int run(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        if (transactor.inTransaction(() -> passes.done(PASS))) {
            return 0;
        }
        int changed = 0;
        UUID after = null;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                return changed;
            }
            UUID from = after;
            List<UUID> batch = transactor.inTransaction(() -> deals.contactsWithOpenDealsOffTheQueue(from, batchSize));
            changed += transactor.inTransaction(() -> {
                int n = 0;
                for (UUID id : batch) {
                    if (place(new ContactId(id))) {
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
        transactor.run(() -> passes.markDone(PASS, clock.instant().truncatedTo(ChronoUnit.MICROS)));
        return changed;
    }

    /** Places the contact again under its row lock; whether its entry changed. */
    private boolean place(ContactId contact) {
        cadences.claim(PersonRef.of(contact), clock.instant());
        Optional<QueueEntry> before = queueEntries.find(contact.value());
        queue.dealChanged(contact);
        return !queueEntries.find(contact.value()).equals(before);
    }
}
