package io.hearth.core.contact;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.StaleEtagException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.LeadId;
import io.hearth.core.lead.Leads;
import io.hearth.core.persistence.Transactor;
import io.hearth.core.touch.Cadence;
import io.hearth.core.touch.CadenceState;
import io.hearth.core.touch.CadenceStore;
import io.hearth.core.touch.FollowUpStore;
import io.hearth.core.touch.PersonRef;
import io.hearth.core.touch.TouchStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Turns a lead into a prospect contact, keeping everything: names, company, email, phone, source,
 * owner, notes, tags, every touch and every follow-up. The lead stays, marked converted.
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
    private final Transactor transactor;
    private final Clock clock;

    public LeadConversion(Leads leads, ContactStore contacts, TouchStore touches, FollowUpStore followUps,
                          CadenceStore cadences, Transactor transactor, Clock clock) {
        this.leads = requireNonNull(leads, "leads is null");
        this.contacts = requireNonNull(contacts, "contacts is null");
        this.touches = requireNonNull(touches, "touches is null");
        this.followUps = requireNonNull(followUps, "followUps is null");
        this.cadences = requireNonNull(cadences, "cadences is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Converts the lead; a non-blank {@code etag} must be the lead's current one. */
    public Conversion convert(LeadId id, String etag) {
        return transactor.inTransaction(() -> {
            Lead lead = leads.get(id);
            if (etag != null && !etag.isBlank() && !etag.strip().equals(lead.etag())) {
                throw StaleEtagException.sent(id.name(), etag.strip(), lead.etag());
            }
            return convertInTransaction(lead);
        });
    }

    /** Converts {@code lead} inside the caller's transaction (a positive touch converting automatically). */
    public Conversion convertInTransaction(Lead lead) {
        if (lead.archived()) {
            throw new FailedPreconditionException("LEAD_ARCHIVED",
                    lead.id().name() + " is archived; restore it before converting it");
        }
        Lead converted = leads.markConverted(lead);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ContactId contactId = new ContactId(lead.id().value());
        Contact contact = new Contact(contactId, prospectFrom(lead.fields()), ContactOrigin.CONVERTED_LEAD, lead.id(),
                now, now, null, 1);
        if (!contacts.insert(contact)) {
            throw Leads.alreadyConverted(lead.id());
        }
        touches.carryOver(lead.id(), contactId);
        followUps.cancelOpen(PersonRef.of(lead.id()), now);
        followUps.carryOver(lead.id(), contactId);
        Cadence leadCadence = cadences.find(PersonRef.of(lead.id())).orElse(Cadence.start(PersonRef.of(lead.id()), now));
        cadences.save(new Cadence(leadCadence.person(), CadenceState.STOPPED, leadCadence.completedFollowUps(),
                leadCadence.nextStep(), null, now));
        return new Conversion(converted, contact);
    }

    private static ContactFields prospectFrom(LeadFields lead) {
        return ContactFields.builder().givenName(lead.givenName()).familyName(lead.familyName())
                .company(lead.company()).title(lead.title()).email(lead.email()).phone(lead.phone())
                .kind(ContactKind.PROSPECT).source(lead.source()).owner(lead.owner()).notes(lead.notes())
                .tags(lead.tags()).build();
    }
}
