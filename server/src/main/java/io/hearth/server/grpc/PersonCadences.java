package io.hearth.server.grpc;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.hearth.core.app.FollowUps;
import io.hearth.core.app.Leads;
import io.hearth.core.contact.Contact;
import io.hearth.core.lead.Lead;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.PersonKind;
import io.hearth.core.person.PersonRef;
import io.hearth.core.touch.Cadence;
import io.hearth.core.touch.PersonCadence;
import java.util.ArrayList;
import java.util.List;

/**
 * Leads and contacts as the API shows them: with where each stands in its follow-up cadence and
 * its next step, read for a whole page at once.
 */
final class PersonCadences {
    private final FollowUps followUps;
    /** A cadence whose next step is not due yet shows as waiting: the time decides. */
    private final java.time.Clock clock;

    @Inject
    PersonCadences(FollowUps followUps, java.time.Clock clock) {
        this.followUps = requireNonNull(followUps, "followUps is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The lead with that id as the caller may see it, read with its cadence in one statement. */
    io.hearth.proto.v1.Lead shownLead(LeadId id) {
        FollowUps.LeadShown shown = followUps.shownLead(id);
        return LeadMapper.toProto(shown.lead(), shown.cadence(), clock.instant());
    }

    io.hearth.proto.v1.Lead lead(Lead lead) {
        return leads(List.of(lead)).get(0);
    }

    /**
     * A create's answer. The lead this call made has no cadence yet, so it is shown at a cadence's
     * start without reading one (a statement and a connection less per web-form lead); the lead a
     * retry finds is read with its cadence, which may have moved on since.
     */
    io.hearth.proto.v1.Lead created(Leads.Created created) {
        if (!created.madeByThisCall()) {
            return lead(created.lead());
        }
        java.time.Instant now = clock.instant();
        Lead lead = created.lead();
        return LeadMapper.toProto(lead, new PersonCadence(Cadence.start(PersonRef.of(lead.id()), now), null), now);
    }

    List<io.hearth.proto.v1.Lead> leads(List<Lead> leads) {
        java.time.Instant now = clock.instant();
        List<PersonCadence> cadences = followUps.cadencesOf(
                PersonKind.LEAD, leads.stream().map(l -> l.id().value()).toList());
        List<io.hearth.proto.v1.Lead> shown = new ArrayList<>(leads.size());
        for (int i = 0; i < leads.size(); i++) {
            shown.add(LeadMapper.toProto(leads.get(i), cadences.get(i), now));
        }
        return shown;
    }

    /** The contact with that id as the caller may see it, read with its cadence in one statement. */
    io.hearth.proto.v1.Contact shownContact(ContactId id) {
        FollowUps.ContactShown shown = followUps.shownContact(id);
        return ContactMapper.toProto(shown.contact(), shown.cadence(), clock.instant());
    }

    io.hearth.proto.v1.Contact contact(Contact contact) {
        return contacts(List.of(contact)).get(0);
    }

    List<io.hearth.proto.v1.Contact> contacts(List<Contact> contacts) {
        java.time.Instant now = clock.instant();
        List<PersonCadence> cadences = followUps.cadencesOf(
                PersonKind.CONTACT, contacts.stream().map(c -> c.id().value()).toList());
        List<io.hearth.proto.v1.Contact> shown = new ArrayList<>(contacts.size());
        for (int i = 0; i < contacts.size(); i++) {
            shown.add(ContactMapper.toProto(contacts.get(i), cadences.get(i), now));
        }
        return shown;
    }
}
