package io.hearth.core.touch;

import io.hearth.core.contact.Contact;
import io.hearth.core.queue.ActionKind;
import io.hearth.core.queue.CadenceStanding;
import io.hearth.core.queue.Lane;
import io.hearth.core.queue.PersonKind;
import io.hearth.core.queue.QueueEntry;
import io.hearth.core.queue.ScheduledFollowUp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a contact stands in the work queue. A contact is worked through its follow-up cadence: with
 * a follow-up scheduled, it shows once the follow-up falls due, in the due follow-up lane (oldest
 * first), for a follow-up on the follow-up's channel. Without one there is nothing to do for it yet,
 * so it is not in the queue: contacts have no temperature to rank them by, and suppliers, partners
 * and clients without a plan would bury the leads. Archived, drip and unsubscribed contacts are never
 * in the queue.
 */
public final class ContactQueueRules {
    private ContactQueueRules() {}

    public static Optional<QueueEntry> entryFor(Contact contact, CadenceStanding cadence) {
        ScheduledFollowUp followUp = cadence.openFollowUp();
        if (contact.archived() || cadence.nurtured() || followUp == null) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>(followUp.reasons());
        reasons.add(contact.fields().kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (contact.convertedFrom() != null
                        ? ", converted from " + contact.convertedFrom().name()
                        : ""));
        return Optional.of(new QueueEntry(
                contact.id().value(),
                PersonKind.CONTACT,
                contact.fields().owner(),
                contact.displayName(),
                Lane.DUE_FOLLOW_UP,
                followUp.rank(),
                followUp.dueAt(),
                followUp.dueAt(),
                ActionKind.FOLLOW_UP,
                followUp.channel(),
                reasons,
                followUp.id()));
    }
}
