package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.lead.Lead;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.PersonKind;
import io.hearth.core.priority.LeadProfile;
import io.hearth.core.queue.CadenceStanding;
import io.hearth.core.queue.LeadQueueRules;
import io.hearth.core.queue.QueueEntry;
import io.hearth.core.queue.QueueStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a rated lead stands in the work queue ({@link LeadQueueRules}), written in the caller's
 * transaction: placed, moved, or taken out when it is no longer worked by hand.
 */
final class LeadQueuePlacement {
    private final QueueStore queue;
    private final Function<LeadId, CadenceStanding> cadences;

    /**
     * @param cadences where a lead's follow-up cadence stands, read in the caller's transaction: a
     *     lead in drip (or unsubscribed) is nurtured, not worked by hand, so it leaves the queue; a
     *     lead with a follow-up scheduled waits for it
     */
    LeadQueuePlacement(QueueStore queue, Function<LeadId, CadenceStanding> cadences) {
        this.queue = requireNonNull(queue, "queue is null");
        this.cadences = requireNonNull(cadences, "cadences is null");
    }

    void place(Lead lead, LeadProfile rated) {
        LeadQueueRules.entryFor(lead, rated, cadences.apply(lead.id()))
                .ifPresentOrElse(queue::put, () -> queue.remove(lead.id().value(), PersonKind.LEAD));
    }

    /** Places a lead made this instant: it has no cadence or entry to read (see {@link #entryOfNew}). */
    void placeNew(Lead lead, LeadProfile rated) {
        entryOfNew(lead, rated).ifPresent(queue::insert);
    }

    /** The entry of a lead made this instant: it is in no cadence yet, no drip, no follow-up scheduled. */
    static Optional<QueueEntry> entryOfNew(Lead lead, LeadProfile rated) {
        return LeadQueueRules.entryFor(lead, rated, CadenceStanding.NONE);
    }

    /** Places leads nobody else can know yet (a sync batch's new ones) with one insert. */
    void placeAllNew(List<QueueEntry> entries) {
        queue.insertAll(entries);
    }
}
