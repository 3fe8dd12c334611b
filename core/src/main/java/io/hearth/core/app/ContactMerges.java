package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.contact.Contact;
import io.hearth.core.dedup.KeyClaims;
import io.hearth.core.dedup.LeadMergeRules;
import io.hearth.core.dedup.LeadMergeStore;
import io.hearth.core.dedup.PersonMatchStore;
import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.person.CadenceState;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.PersonRef;
import io.hearth.core.touch.Cadence;
import io.hearth.core.touch.CadenceStore;
import io.hearth.core.touch.FollowUpStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Merges two contacts of one person (entered twice) into one, in one transaction, by the rules of
 * {@link LeadMerges}: the survivor takes the duplicate's touches, follow-ups, connector links, an
 * unsubscribe, and the fields and tags it lacked ({@link LeadMergeRules}); its kind and cadence
 * stay. Of two open follow-up steps the survivor's stays, and a survivor whose cadence is not
 * active (drip, stopped, unsubscribed) takes no open step. The duplicate is archived with
 * {@code merged_into} naming the survivor, keeping all its values, so syncs and hand entry that
 * match it find the survivor ({@code MatchIndex}).
 *
 * <p>Two merges that share a contact take turns, in the database as in this process: each claims
 * both contacts before it reads them ({@link PersonMatchStore#claim}), so of two merges of one pair,
 * or of A into B and B into A, the second sees the first's result and is refused.
 */
public final class ContactMerges {
    private final Contacts contacts;
    private final LeadMergeStore store;
    private final PersonMatchStore matches;
    private final FollowUpStore followUps;
    private final CadenceStore cadences;
    private final Transactor transactor;
    private final Clock clock;

    public ContactMerges(
            Contacts contacts,
            LeadMergeStore store,
            PersonMatchStore matches,
            FollowUpStore followUps,
            CadenceStore cadences,
            Transactor transactor,
            Clock clock) {
        this.contacts = requireNonNull(contacts, "contacts is null");
        this.store = requireNonNull(store, "store is null");
        this.matches = requireNonNull(matches, "matches is null");
        this.followUps = requireNonNull(followUps, "followUps is null");
        this.cadences = requireNonNull(cadences, "cadences is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** What a merge did. */
    public record Merge(
            Contact survivor, Contact duplicate, int touchesMoved, int followUpsMoved, int externalIdsMoved) {}

    /**
     * Merges {@code duplicateId} into {@code survivorId}; a non-blank etag must be that contact's
     * current one.
     */
    public Merge merge(ContactId survivorId, String survivorEtag, ContactId duplicateId, String duplicateEtag) {
        if (survivorId.equals(duplicateId)) {
            throw InvalidArgumentException.of("duplicate", "names the survivor itself: a contact cannot absorb itself");
        }
        List<Long> turns = KeyClaims.ofPeople(List.of(PersonRef.of(survivorId), PersonRef.of(duplicateId)));
        return transactor.inTransactionExclusive(turns, () -> {
            matches.claim(turns);
            Contact survivor = contacts.currentVersion(survivorId, survivorEtag);
            Contact duplicate = contacts.currentVersion(duplicateId, duplicateEtag);
            checkMergeable(survivor, duplicate);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            PersonRef survivorRef = PersonRef.of(survivorId);
            PersonRef duplicateRef = PersonRef.of(duplicateId);
            keepOneNextStep(survivorRef, duplicateRef, now);
            int touchesMoved = store.moveTouches(duplicateId, survivorId);
            int followUpsMoved = store.moveFollowUps(duplicateId, survivorId);
            // the person's deals follow the person: none stays with the archived duplicate
            store.moveOpportunities(duplicateId, survivorId, now);
            int links = store.moveExternalIds(duplicateId, survivorId);
            carryUnsubscribe(survivorRef, duplicateRef, now);
            contacts.absorb(survivor, LeadMergeRules.fields(survivor.fields(), duplicate.fields(), duplicateId.name()));
            Contact merged = contacts.markMerged(duplicate, survivorId.name());
            // as stored: the store keeps tags in its own order
            return new Merge(contacts.get(survivorId), contacts.get(merged.id()), touchesMoved, followUpsMoved, links);
        });
    }

    private static void checkMergeable(Contact survivor, Contact duplicate) {
        for (Contact contact : List.of(survivor, duplicate)) {
            if (contact.merged()) {
                throw Contacts.merged(contact);
            }
        }
        if (survivor.archived()) {
            throw new FailedPreconditionException(
                    ErrorReason.CONTACT_ARCHIVED,
                    survivor.id().name() + " is archived; restore it before merging into it");
        }
    }

    /**
     * One person, one next step: of two open steps the survivor's stays, and a survivor whose
     * cadence is over or in drip is worked by no step, so the duplicate's is cancelled too.
     */
    private void keepOneNextStep(PersonRef survivor, PersonRef duplicate, Instant now) {
        boolean active = cadences.find(survivor)
                .map(c -> c.state() == CadenceState.ACTIVE)
                .orElse(true);
        if (!active || followUps.findOpen(survivor).isPresent()) {
            followUps.cancelOpen(duplicate, now);
        }
    }

    /**
     * The survivor's cadence stands; a person who asked, as the duplicate, not to be contacted again
     * is unsubscribed as the survivor too, its open step cancelled.
     */
    private void carryUnsubscribe(PersonRef survivor, PersonRef duplicate, Instant now) {
        Optional<Cadence> absorbed = cadences.find(duplicate);
        if (absorbed.isEmpty() || absorbed.get().state() != CadenceState.UNSUBSCRIBED) {
            return;
        }
        Cadence base = cadences.find(survivor).orElse(Cadence.start(survivor, now));
        cadences.save(new Cadence(
                survivor, CadenceState.UNSUBSCRIBED, base.completedFollowUps(), base.nextStep(), null, now));
        followUps.cancelOpen(survivor, now);
    }
}
