package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactObserver;
import io.hearth.core.person.PersonRef;
import io.hearth.core.resource.TimeOrderedIds;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Gives every contact its cadence's first step, however it arrived (entered directly, imported or
 * synced, a lead merged into it, restored): a contact that has no cadence yet when it is written
 * starts one, with its first follow-up due at once, so it shows in the work queue and the due list
 * right away. A contact with a cadence (a converted lead's, one already worked, in drip or stopped)
 * is left as it is. Runs inside the write's transaction, before the queue is placed.
 */
public final class ContactCadenceStart implements ContactObserver {
    private final CadenceStore cadences;
    private final FollowUpStore followUps;
    private final CadenceRules rules;
    private final Clock clock;
    private final TimeOrderedIds ids;

    public ContactCadenceStart(CadenceStore cadences, FollowUpStore followUps, CadenceRules rules, Clock clock) {
        this.cadences = requireNonNull(cadences, "cadences is null");
        this.followUps = requireNonNull(followUps, "followUps is null");
        this.rules = requireNonNull(rules, "rules is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = new TimeOrderedIds(clock);
    }

    @Override
    public void written(Contact contact) {
        start(contact);
    }

    /** Starts the contact's cadence if it has none; whether it did. */
    public boolean start(Contact contact) {
        PersonRef ref = PersonRef.of(contact.id());
        if (contact.archived() || cadences.find(ref).isPresent()) {
            return false;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // of two writers starting one contact's cadence, the second waits here and then sees it
        Cadence cadence = cadences.claim(ref, now);
        if (cadences.find(ref).isPresent()) {
            return false;
        }
        cadences.save(cadence);
        followUps.insert(rules.nextFollowUp(ids.next(), Person.of(contact), cadence, now, null, now, null));
        return true;
    }
}
