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
import io.hearth.core.error.StaleEtagException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.person.CadenceState;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.PersonRef;
import io.hearth.core.priority.Activity;
import io.hearth.core.priority.LeadProfile;
import io.hearth.core.priority.LeadProfileStore;
import io.hearth.core.touch.Cadence;
import io.hearth.core.touch.CadenceStore;
import io.hearth.core.touch.FollowUpStore;
import io.hearth.core.touch.TouchStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Merges a lead entered twice into one, or into a contact of the same person, in one transaction.
 * The survivor takes the duplicate's touches, follow-ups, connector links, an unsubscribe (or the
 * cadence, when it has none and the duplicate's is not in drip), and whatever fields and
 * qualification answers it lacked ({@link LeadMergeRules}); the duplicate is archived pointing at
 * the survivor, with all its values kept. Of two open follow-up steps, the survivor's stays and
 * the duplicate's is cancelled: one person, one next step.
 *
 * <p>Two merges that share a person take turns ({@link KeyClaims#ofPeople}), in the database as in
 * this process, so of two merges of one pair, or of A into B and B into A, the second sees the
 * first's result and is refused rather than both succeeding.
 */
public final class LeadMerges {
    private final Leads leads;
    private final Contacts contacts;
    private final LeadMergeStore store;
    private final PersonMatchStore matches;
    private final LeadProfileStore profiles;
    private final TouchStore touches;
    private final FollowUpStore followUps;
    private final CadenceStore cadences;
    private final Transactor transactor;
    private final Clock clock;

    public LeadMerges(
            Leads leads,
            Contacts contacts,
            LeadMergeStore store,
            PersonMatchStore matches,
            LeadProfileStore profiles,
            TouchStore touches,
            FollowUpStore followUps,
            CadenceStore cadences,
            Transactor transactor,
            Clock clock) {
        this.touches = requireNonNull(touches, "touches is null");
        this.contacts = requireNonNull(contacts, "contacts is null");
        this.cadences = requireNonNull(cadences, "cadences is null");
        this.leads = requireNonNull(leads, "leads is null");
        this.store = requireNonNull(store, "store is null");
        this.matches = requireNonNull(matches, "matches is null");
        this.profiles = requireNonNull(profiles, "profiles is null");
        this.followUps = requireNonNull(followUps, "followUps is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** What a merge did. */
    public record Merge(Lead survivor, Lead duplicate, int touchesMoved, int followUpsMoved, int externalIdsMoved) {}

    /** What a merge of a lead into a contact did. */
    public record ContactMerge(
            Contact survivor, Lead duplicate, int touchesMoved, int followUpsMoved, int externalIdsMoved) {}

    /**
     * Merges {@code duplicateId} into {@code survivorId}; a non-blank etag must be that lead's
     * current one.
     */
    public Merge merge(LeadId survivorId, String survivorEtag, LeadId duplicateId, String duplicateEtag) {
        return transactor.inTransactionExclusive(
                turns(PersonRef.of(survivorId), PersonRef.of(duplicateId)),
                () -> merge(survivorId, survivorEtag, duplicateId, duplicateEtag, null));
    }

    /**
     * {@link #merge(LeadId, String, LeadId, String)}, recording on the archived duplicate why it was
     * merged when not by hand (e.g. "merged in hubspot into 501").
     */
    public Merge merge(
            LeadId survivorId, String survivorEtag, LeadId duplicateId, String duplicateEtag, String reason) {
        if (survivorId.equals(duplicateId)) {
            throw InvalidArgumentException.of("duplicate", "names the survivor itself: a lead cannot absorb itself");
        }
        return transactor.inTransaction(() -> {
            matches.claim(turns(PersonRef.of(survivorId), PersonRef.of(duplicateId)));
            Lead survivor = leads.currentVersion(survivorId, survivorEtag);
            Lead duplicate = leads.currentVersion(duplicateId, duplicateEtag);
            checkMergeable(survivor, duplicate);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            PersonRef survivorRef = PersonRef.of(survivorId);
            PersonRef duplicateRef = PersonRef.of(duplicateId);
            keepOneNextStep(survivorRef, duplicateRef, now);
            int touchesMoved = store.moveTouches(duplicateId, survivorId);
            int followUpsMoved = store.moveFollowUps(duplicateId, survivorId);
            mergeCadences(survivorRef, duplicateRef, true, now);
            int links = store.moveExternalIds(duplicateId, survivorId);
            mergeProfiles(survivor, duplicate);
            leads.absorb(
                    survivor,
                    LeadMergeRules.fields(survivor.fields(), duplicate.fields(), duplicateId.name()),
                    duplicateId);
            Lead merged = leads.markMerged(duplicate, survivorId.name(), reason);
            // as stored: the store keeps tags in its own order
            return new Merge(leads.get(survivorId), leads.shown(merged), touchesMoved, followUpsMoved, links);
        });
    }

    /**
     * The survivor's cadence stands, with two exceptions. A person who asked, as the duplicate, not
     * to be contacted again is unsubscribed as the survivor too, its open step cancelled. And where
     * {@code takeCadence} (a lead into a lead: one kind of cadence), a survivor without a cadence
     * takes the duplicate's, unless that one is in drip: the survivor is the fresh record (often a
     * new inquiry), and a person who raised a hand again is worked by hand.
     */
    private void mergeCadences(PersonRef survivor, PersonRef duplicate, boolean takeCadence, Instant now) {
        Optional<Cadence> absorbed = cadences.find(duplicate);
        if (absorbed.isEmpty()) {
            return;
        }
        Cadence d = absorbed.get();
        Optional<Cadence> kept = cadences.find(survivor);
        if (d.state() == CadenceState.UNSUBSCRIBED) {
            // a contact keeps its own count; a lead without a cadence carries on the duplicate's
            Cadence base = kept.orElse(takeCadence ? d : Cadence.start(survivor, now));
            cadences.save(new Cadence(
                    survivor, CadenceState.UNSUBSCRIBED, base.completedFollowUps(), base.nextStep(), null, now));
            followUps.cancelOpen(survivor, now);
        } else if (takeCadence && kept.isEmpty() && d.state() != CadenceState.DRIP) {
            cadences.save(new Cadence(survivor, d.state(), d.completedFollowUps(), d.nextStep(), null, now));
        }
    }

    /**
     * Merges a lead into a contact of the same person (entered as both), in one transaction: the
     * contact takes the lead's touches and follow-ups (as a conversion carries them over: they keep
     * the lead too), its connector links, an unsubscribe, and whatever fields and tags it lacked;
     * its kind and cadence stay. The lead is archived with {@code merged_into} naming the contact.
     * Of two open steps, the contact's stays and the lead's is cancelled.
     */
    public ContactMerge mergeIntoContact(
            ContactId survivorId, String survivorEtag, LeadId duplicateId, String duplicateEtag) {
        return transactor.inTransactionExclusive(
                turns(PersonRef.of(survivorId), PersonRef.of(duplicateId)),
                () -> mergeIntoContact(survivorId, survivorEtag, duplicateId, duplicateEtag, null));
    }

    /** {@link #mergeIntoContact(ContactId, String, LeadId, String)}, recording why when not by hand. */
    public ContactMerge mergeIntoContact(
            ContactId survivorId, String survivorEtag, LeadId duplicateId, String duplicateEtag, String reason) {
        return transactor.inTransaction(() -> {
            matches.claim(turns(PersonRef.of(survivorId), PersonRef.of(duplicateId)));
            Contact survivor = contacts.currentVersion(survivorId, survivorEtag);
            Lead duplicate = leads.currentVersion(duplicateId, duplicateEtag);
            checkMergeable(duplicate);
            if (survivor.archived()) {
                throw new FailedPreconditionException(
                        ErrorReason.CONTACT_ARCHIVED,
                        survivorId.name() + " is archived; restore it before merging into it");
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            PersonRef survivorRef = PersonRef.of(survivorId);
            PersonRef duplicateRef = PersonRef.of(duplicateId);
            keepOneNextStep(survivorRef, duplicateRef, now);
            // as a conversion carries them over: the lead keeps them too, so its history stays readable
            int touchesMoved = touches.carryOver(duplicateId, survivorId);
            int followUpsMoved = followUps.carryOver(duplicateId, survivorId);
            int links = store.moveExternalIds(duplicateId, survivorId);
            mergeCadences(survivorRef, duplicateRef, false, now);
            contacts.absorb(survivor, LeadMergeRules.fields(survivor.fields(), duplicate.fields(), duplicateId.name()));
            Lead merged = leads.markMerged(duplicate, survivorId.name(), reason);
            // as stored: the store keeps tags in its own order
            return new ContactMerge(contacts.get(survivorId), leads.shown(merged), touchesMoved, followUpsMoved, links);
        });
    }

    /**
     * The turns a merge takes on both people, those {@link ContactMerges} takes too: in the
     * database (on PostgreSQL) inside the merge's transaction, in the process around it where the
     * merge opens the transaction (a sync's merge runs inside its batch, under the batch's turns).
     */
    private static List<Long> turns(PersonRef survivor, PersonRef duplicate) {
        return KeyClaims.ofPeople(List.of(survivor, duplicate));
    }

    /** One person, one next step: of two open steps, the survivor's stays. */
    private void keepOneNextStep(PersonRef survivor, PersonRef duplicate, Instant now) {
        if (followUps.findOpen(survivor).isPresent()) {
            followUps.cancelOpen(duplicate, now);
        }
    }

    private static void checkMergeable(Lead duplicate) {
        if (duplicate.merged()) {
            throw Leads.merged(duplicate);
        }
        if (duplicate.fields().status() == LeadStatus.CONVERTED) {
            throw new FailedPreconditionException(
                    ErrorReason.LEAD_CONVERTED,
                    duplicate.id().name() + " was converted to contacts/"
                            + duplicate.id().value() + "; only leads not yet converted merge");
        }
    }

    private void checkMergeable(Lead survivor, Lead duplicate) {
        for (Lead lead : List.of(survivor, duplicate)) {
            checkMergeable(lead);
        }
        if (survivor.archived()) {
            throw new FailedPreconditionException(
                    ErrorReason.LEAD_ARCHIVED,
                    survivor.id().name() + " is archived; restore it before merging into it");
        }
    }

    /**
     * The survivor's profile learns the duplicate's answers and touch history, before the survivor
     * is written and so re-rated. A survivor under a speed-to-lead deadline whose person was
     * touched, as the duplicate, before the survivor even arrived was no fresh inquiry: the
     * deadline goes, so no response time before arrival is counted.
     */
    private void mergeProfiles(Lead survivor, Lead duplicate) {
        Optional<LeadProfile> kept = profiles.find(survivor.id());
        Optional<LeadProfile> absorbed = profiles.find(duplicate.id());
        if (kept.isEmpty() || absorbed.isEmpty()) {
            return;
        }
        LeadProfile s = kept.get();
        LeadProfile d = absorbed.get();
        Activity activity = LeadMergeRules.activity(s.activity(), d.activity());
        boolean touchedBeforeArrival =
                activity.firstTouchAt() != null && activity.firstTouchAt().isBefore(survivor.createdAt());
        LeadProfile merged = new LeadProfile(
                        s.leadId(),
                        s.qualification(),
                        s.override(),
                        touchedBeforeArrival ? null : s.responseDeadline(),
                        activity,
                        s.rating(),
                        s.ratedAt(),
                        s.ratingValidUntil(),
                        s.version(),
                        s.qualificationVersion())
                .withQualification(LeadMergeRules.qualification(s.qualification(), d.qualification()));
        if (!merged.equals(s) && !profiles.save(merged)) {
            throw StaleEtagException.concurrent(survivor.id().name());
        }
    }
}
