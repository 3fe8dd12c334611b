package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactObserver;
import io.hearth.core.contact.ContactStore;
import io.hearth.core.opportunity.DealAttention;
import io.hearth.core.opportunity.OpportunityStore;
import io.hearth.core.opportunity.PipelineStages;
import io.hearth.core.opportunity.Pipelines;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.PersonKind;
import io.hearth.core.person.PersonRef;
import io.hearth.core.queue.QueueStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps every contact's queue entry current: after each follow-up write and each touch (as a {@link
 * TouchObserver}), each contact write, conversion included (as a {@link ContactObserver}), and each
 * write on one of its deals ({@link #dealChanged}), inside that write's transaction. A follow-up or a
 * deal's step coming due needs no write: the entry was placed with the due time, from which the
 * queue shows it ({@link ContactQueueRules}).
 */
public final class ContactQueue implements TouchObserver, ContactObserver {
    private final ContactStore contacts;
    private final CadenceStandings standings;
    private final QueueStore queue;
    private final OpportunityStore deals;
    /** A deal's stall limits are those of its owner's team's pipeline, as its stage moves are. */
    private final Pipelines pipelines;

    private final TouchStore touches;

    public ContactQueue(
            ContactStore contacts,
            CadenceStandings standings,
            QueueStore queue,
            OpportunityStore deals,
            Pipelines pipelines,
            TouchStore touches) {
        this.contacts = requireNonNull(contacts, "contacts is null");
        this.standings = requireNonNull(standings, "standings is null");
        this.queue = requireNonNull(queue, "queue is null");
        this.deals = requireNonNull(deals, "deals is null");
        this.pipelines = requireNonNull(pipelines, "pipelines is null");
        this.touches = requireNonNull(touches, "touches is null");
    }

    @Override
    public void logged(Touch touch) {
        // a touch moves a contact's deal steps to the next day (one step a day); a lead has no deals
        if (!touch.person().isLead()) {
            dealChanged(touch.person().contactId());
        }
    }

    @Override
    public void planChanged(PersonRef person) {
        if (!person.isLead()) {
            dealChanged(person.contactId());
        }
    }

    /** Places the contact again after a write on one of its deals (or on anything else of theirs). */
    public void dealChanged(ContactId contact) {
        contacts.find(contact).ifPresent(this::written);
    }

    @Override
    public void written(Contact contact) {
        // one pipeline lookup per owner, however many deals they own with this contact
        Map<String, PipelineStages> byOwner = new HashMap<>();
        List<DealAttention> steps = deals.openOf(contact.id()).stream()
                .map(deal -> DealAttention.of(deal, byOwner.computeIfAbsent(ownerOf(deal), pipelines::ofOwner)))
                .flatMap(Optional::stream)
                .toList();
        TouchStore.LastTouches touched =
                steps.isEmpty() ? TouchStore.LastTouches.NONE : touches.lastTouches(contact.id());
        ContactQueueRules.entryFor(contact, standings.of(PersonRef.of(contact.id())), steps, touched)
                .ifPresentOrElse(queue::put, () -> queue.remove(contact.id().value(), PersonKind.CONTACT));
    }

    private static String ownerOf(io.hearth.core.opportunity.Opportunity deal) {
        String owner = deal.fields().owner();
        return owner == null ? null : owner.strip();
    }
}
