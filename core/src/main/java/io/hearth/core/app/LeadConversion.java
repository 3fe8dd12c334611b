package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.contact.ContactObserver;
import io.hearth.core.contact.ContactOrigin;
import io.hearth.core.contact.ContactStore;
import io.hearth.core.contact.Conversion;
import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.person.CadenceState;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.PersonRef;
import io.hearth.core.resource.TimeOrderedIds;
import io.hearth.core.touch.Cadence;
import io.hearth.core.touch.CadenceRules;
import io.hearth.core.touch.CadenceStore;
import io.hearth.core.touch.FollowUpStore;
import io.hearth.core.touch.Person;
import io.hearth.core.touch.TouchStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Turns a lead into a prospect contact, keeping everything: names, company, email, phone, source,
 * owner, notes, tags, every touch and every follow-up. The lead stays, marked converted.
 *
 * <p>The prospect's own cadence starts at once, with its first follow-up due the same day: a lead
 * converts on a positive reply or a booked meeting, and a positive reply is to be followed up the
 * same day. So the contact takes the lead's place in the work queue, among the due follow-ups.
 *
 * <p>The contact takes the lead's id ({@code leads/X} becomes {@code contacts/X}). The link needs no
 * lookup, and the contact's primary key makes a second contact for one lead impossible even if two
 * conversions race past the lead's version check.
 */
public final class LeadConversion {
    private final Leads leads;
    private final ContactStore contacts;
    private final TouchStore touches;
    private final FollowUpStore followUps;
    private final CadenceStore cadences;
    private final CadenceRules cadenceRules;
    private final Transactor transactor;
    private final Clock clock;
    private final TimeOrderedIds ids;
    private final List<ContactObserver> observers;

    /** @param observers told of the new contact, inside the conversion's transaction */
    public LeadConversion(
            Leads leads,
            ContactStore contacts,
            TouchStore touches,
            FollowUpStore followUps,
            CadenceStore cadences,
            CadenceRules cadenceRules,
            Transactor transactor,
            Clock clock,
            List<ContactObserver> observers) {
        this.cadenceRules = requireNonNull(cadenceRules, "cadenceRules is null");
        this.observers = List.copyOf(requireNonNull(observers, "observers is null"));
        this.leads = requireNonNull(leads, "leads is null");
        this.contacts = requireNonNull(contacts, "contacts is null");
        this.touches = requireNonNull(touches, "touches is null");
        this.followUps = requireNonNull(followUps, "followUps is null");
        this.cadences = requireNonNull(cadences, "cadences is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = new TimeOrderedIds(clock);
    }

    /** Converts the lead; a non-blank {@code etag} must be the lead's current one. */
    public Conversion convert(LeadId id, String etag) {
        Conversion done = transactor.inTransaction(() -> convertInTransaction(leads.currentVersion(id, etag)));
        return new Conversion(leads.shown(done.lead()), done.contact());
    }

    /** Converts {@code lead} inside the caller's transaction (a positive touch converting automatically). */
    public Conversion convertInTransaction(Lead lead) {
        if (lead.archived()) {
            throw new FailedPreconditionException(
                    ErrorReason.LEAD_ARCHIVED, lead.id().name() + " is archived; restore it before converting it");
        }
        Lead converted = leads.markConverted(lead);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ContactId contactId = new ContactId(lead.id().value());
        Contact contact = new Contact(
                contactId, prospectFrom(lead.fields()), ContactOrigin.CONVERTED_LEAD, lead.id(), now, now, null, 1);
        if (!contacts.insert(contact)) {
            throw Leads.alreadyConverted(lead.id());
        }
        touches.carryOver(lead.id(), contactId);
        followUps.cancelOpen(PersonRef.of(lead.id()), now);
        followUps.carryOver(lead.id(), contactId);
        Cadence leadCadence =
                cadences.find(PersonRef.of(lead.id())).orElse(Cadence.start(PersonRef.of(lead.id()), now));
        cadences.save(new Cadence(
                leadCadence.person(),
                CadenceState.STOPPED,
                leadCadence.completedFollowUps(),
                leadCadence.nextStep(),
                null,
                now));
        Cadence prospectCadence = Cadence.start(PersonRef.of(contactId), now);
        cadences.save(prospectCadence);
        followUps.insert(cadenceRules.nextFollowUp(
                ids.next(),
                Person.of(contact),
                prospectCadence,
                now,
                null,
                now,
                "new prospect: follow up the same day"));
        observers.forEach(observer -> observer.written(contact));
        return new Conversion(converted, contact);
    }

    private static ContactFields prospectFrom(LeadFields lead) {
        return ContactFields.builder()
                .givenName(lead.givenName())
                .familyName(lead.familyName())
                .company(lead.company())
                .title(lead.title())
                .email(lead.email())
                .phone(lead.phone())
                .kind(ContactKind.PROSPECT)
                .source(lead.source())
                .owner(lead.owner())
                .notes(lead.notes())
                .tags(lead.tags())
                .build();
    }
}
