package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.contact.Contact;
import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.error.Violations;
import io.hearth.core.lead.Lead;
import io.hearth.core.opportunity.Opportunity;
import io.hearth.core.opportunity.OpportunityId;
import io.hearth.core.person.CadenceState;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.PersonKind;
import io.hearth.core.person.PersonRef;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageSize;
import io.hearth.core.query.PageToken;
import io.hearth.core.resource.ControlCharacters;
import io.hearth.core.resource.TimeOrderedIds;
import io.hearth.core.touch.Cadence;
import io.hearth.core.touch.CadenceRules;
import io.hearth.core.touch.CadenceStore;
import io.hearth.core.touch.Channel;
import io.hearth.core.touch.DueQuery;
import io.hearth.core.touch.FollowUp;
import io.hearth.core.touch.FollowUpState;
import io.hearth.core.touch.FollowUpStore;
import io.hearth.core.touch.Outcome;
import io.hearth.core.touch.Person;
import io.hearth.core.touch.PersonCadence;
import io.hearth.core.touch.ShownContactStore;
import io.hearth.core.touch.ShownLeadStore;
import io.hearth.core.touch.Touch;
import io.hearth.core.touch.TouchInput;
import io.hearth.core.touch.TouchKind;
import io.hearth.core.touch.TouchLogged;
import io.hearth.core.touch.TouchObserver;
import io.hearth.core.touch.TouchQuery;
import io.hearth.core.touch.TouchRules;
import io.hearth.core.touch.TouchStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The follow-up use cases: log touches, schedule, complete and skip cadence steps, and list what is
 * due. Each call runs in one transaction, so a touch, its cadence move, the next step and an
 * automatic conversion happen together or not at all.
 */
public final class FollowUps {
    private static final int MAX_NOTE = 10_000;
    private static final int MAX_PERFORMER = 100;
    private static final int MAX_PURPOSE = CadenceRules.MAX_PURPOSE;
    /** The longest reason a skipped follow-up keeps: the column's width. */
    public static final int MAX_SKIP_REASON = 500;
    // a rep's clock may run a little ahead of the server's
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final Leads leads;
    private final Contacts contacts;
    private final LeadConversion conversion;
    private final TouchStore touches;
    private final FollowUpStore followUps;
    private final CadenceStore cadences;
    private final CadenceRules cadenceRules;
    private final TouchRules touchRules;
    private final List<TouchObserver> observers;
    private final Transactor transactor;
    private final Clock clock;
    private final TimeOrderedIds ids;
    private final CurrentCaller caller;
    private final Opportunities opportunities;

    private final ShownLeadStore shownLeads;
    private final ShownContactStore shownContacts;

    /**
     * @param opportunities the deals a touch may be logged against
     * @param caller who each call acts for: lists hold the touches and follow-ups of people in its scope */
    public FollowUps(
            Leads leads,
            Contacts contacts,
            LeadConversion conversion,
            TouchStore touches,
            FollowUpStore followUps,
            CadenceStore cadences,
            CadenceRules cadenceRules,
            Transactor transactor,
            Clock clock,
            List<TouchObserver> observers,
            CurrentCaller caller,
            Opportunities opportunities,
            ShownLeadStore shownLeads,
            ShownContactStore shownContacts) {
        this.shownLeads = requireNonNull(shownLeads, "shownLeads is null");
        this.shownContacts = requireNonNull(shownContacts, "shownContacts is null");
        this.opportunities = requireNonNull(opportunities, "opportunities is null");
        this.caller = requireNonNull(caller, "caller is null");
        this.observers = List.copyOf(requireNonNull(observers, "observers is null"));
        this.leads = requireNonNull(leads, "leads is null");
        this.contacts = requireNonNull(contacts, "contacts is null");
        this.conversion = requireNonNull(conversion, "conversion is null");
        this.touches = requireNonNull(touches, "touches is null");
        this.followUps = requireNonNull(followUps, "followUps is null");
        this.cadences = requireNonNull(cadences, "cadences is null");
        this.cadenceRules = requireNonNull(cadenceRules, "cadenceRules is null");
        this.touchRules = new TouchRules();
        this.transactor = requireNonNull(transactor, "transactor is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = new TimeOrderedIds(clock);
    }

    /**
     * Logs a touch outside the cadence; a positive outcome stops the cadence and converts a lead. A
     * touch logged against a deal of the contact ({@link TouchInput#opportunity}) counts for the
     * contact's cadence all the same, and does the deal's next step when that is due by the end of
     * the touch's day ({@link Opportunities#stepDoneBy}).
     *
     * @param input {@code null} when the request carries no touch, which is refused
     */
    public TouchLogged logTouch(TouchInput input) {
        if (input == null) {
            throw InvalidArgumentException.of("touch", "required: the touch to log");
        }
        Instant now = now();
        TouchInput valid = validTouch(input, now, "touch");
        return transactor.inTransaction(() -> {
            Person person = person(valid.person());
            Cadence cadence = cadenceOf(person.ref(), now);
            touchRules.check(person, valid.kind(), cadence);
            Opportunity deal = valid.opportunity() == null ? null : dealOf(valid.opportunity(), person);
            Touch touch = newTouch(valid, person, null, now, deal == null ? null : deal.id());
            if (deal != null) {
                opportunities.stepDoneBy(deal, touch.occurredAt());
            }
            record(touch);
            Cadence moved = cadenceRules.afterTouch(cadence, touch.outcome(), now);
            if (!moved.equals(cadence)) {
                cadences.save(moved);
                followUps.cancelOpen(person.ref(), now);
                planChanged(person.ref());
            }
            return outcomeOf(person, touch, moved, Optional.empty());
        });
    }

    /**
     * Schedules the person's next follow-up. Without a channel or due time, the cadence's next step
     * decides them; without a purpose, the step's place in the cadence is the purpose.
     */
    public FollowUp schedule(PersonRef ref, Channel channel, Instant dueAt, String purpose) {
        String cleanPurpose = blankToNull(purpose);
        if (cleanPurpose != null && cleanPurpose.length() > MAX_PURPOSE) {
            throw InvalidArgumentException.of("purpose", "must be at most " + MAX_PURPOSE + " characters");
        }
        if (ControlCharacters.textProblem(cleanPurpose) != null) {
            throw InvalidArgumentException.of("purpose", ControlCharacters.textProblem(cleanPurpose));
        }
        Instant now = now();
        return transactor.inTransactionExclusive(ref, () -> {
            Person person = person(ref);
            // of two schedules for one person the second waits here for the first, then sees its step
            Cadence cadence = cadences.claim(ref, now);
            touchRules.check(person, ref.isLead() ? TouchKind.TOUCH_BASE : TouchKind.FOLLOW_UP, cadence);
            cadenceRules.checkSchedulable(cadence, ref.name());
            followUps.findOpen(ref).ifPresent(open -> {
                throw new FailedPreconditionException(
                        ErrorReason.FOLLOW_UP_ALREADY_SCHEDULED,
                        ref.name() + " already has " + open.name() + " due " + open.dueAt()
                                + "; complete or skip it first");
            });
            cadences.save(cadence);
            FollowUp next = nextStep(person, cadence, now, channel, dueAt, cleanPurpose);
            followUps.insert(next);
            planChanged(ref);
            return next;
        });
    }

    /**
     * Completes a follow-up with what happened: logs the touch, moves the cadence on and schedules
     * the next step, or stops the cadence (positive outcome), or moves the person to drip (limit reached).
     *
     * @param outcome required: a {@code null} one is refused
     * @param kind {@code null}: a follow-up for a contact, a touch-base for a lead
     */
    public TouchLogged complete(
            UUID followUpId, Outcome outcome, TouchKind kind, Duration duration, String note, String performedBy) {
        if (outcome == null) {
            throw InvalidArgumentException.of("outcome", "required: what came of the follow-up, e.g. NO_ANSWER");
        }
        Instant now = now();
        return transactor.inTransaction(() -> {
            FollowUp open = openFollowUp(followUpId);
            PersonRef ref = open.person();
            TouchKind touchKind = kind != null ? kind : ref.isLead() ? TouchKind.TOUCH_BASE : TouchKind.FOLLOW_UP;
            TouchInput valid = validTouch(
                    new TouchInput(ref, touchKind, open.channel(), now, duration, outcome, note, performedBy),
                    now,
                    null);
            Person person = person(ref);
            Cadence cadence = cadenceOf(ref, now);
            touchRules.check(person, touchKind, cadence);
            Touch touch = newTouch(valid, person, open.followUpNumber(), now);
            record(touch);
            close(open.closed(FollowUpState.COMPLETED, touch.id(), now));
            Cadence moved = cadenceRules.afterFollowUp(cadence, open, outcome, now);
            cadences.save(moved);
            Optional<FollowUp> next = Optional.empty();
            if (moved.state() == CadenceState.ACTIVE) {
                FollowUp scheduled = nextStep(person, moved, now, null, null, null);
                followUps.insert(scheduled);
                next = Optional.of(scheduled);
            }
            planChanged(ref);
            return outcomeOf(person, touch, moved, next);
        });
    }

    /** Skips a step: the next step of the cadence is scheduled in its place; the count stays. */
    public FollowUp skip(UUID followUpId) {
        return skip(followUpId, null);
    }

    /**
     * {@link #skip(UUID)}, keeping with the skipped step why it was skipped.
     *
     * @param reason one line of at most {@value #MAX_SKIP_REASON} characters; blank or {@code null}: none
     */
    public FollowUp skip(UUID followUpId, String reason) {
        String why = blankToNull(reason);
        if (why != null) {
            why = why.strip();
            if (why.length() > MAX_SKIP_REASON) {
                throw InvalidArgumentException.of(
                        "reason", "must be at most " + MAX_SKIP_REASON + " characters, not " + why.length());
            }
            ControlCharacters.requireLine(why, "reason");
        }
        String skipReason = why;
        Instant now = now();
        return transactor.inTransaction(() -> {
            FollowUp open = openFollowUp(followUpId);
            Person person = person(open.person());
            Cadence cadence = cadenceOf(open.person(), now);
            close(open.skipped(skipReason, now));
            Cadence moved = cadenceRules.afterSkip(cadence, open, now);
            cadences.save(moved);
            FollowUp next = nextStep(person, moved, now, null, null, null);
            followUps.insert(next);
            planChanged(open.person());
            return next;
        });
    }

    /** The follow-up, if its person is in the caller's scope: otherwise not found, as an id never used. */
    public FollowUp get(UUID followUpId) {
        NotFoundException notFound = new NotFoundException(FollowUp.COLLECTION + followUpId);
        FollowUp found = followUps.find(followUpId).orElseThrow(() -> notFound);
        try {
            person(found.person());
        } catch (NotFoundException outOfScope) {
            throw notFound;
        }
        return found;
    }

    /** The person's cadence; a person who never had one is active with nothing done. */
    public Cadence cadence(PersonRef ref) {
        person(ref);
        return cadenceOf(ref, now());
    }

    /**
     * Where each of these people of one kind stands in the cadence, in their order, read together
     * (one statement for one person, one transaction for several): a person without a cadence is
     * active with nothing done and nothing scheduled.
     */
    public List<PersonCadence> cadencesOf(PersonKind kind, List<UUID> personIds) {
        if (personIds.isEmpty()) {
            return List.of();
        }
        Instant now = now();
        if (personIds.size() == 1) {
            // one statement, no transaction: every write's answer
            PersonRef person = new PersonRef(kind, personIds.get(0));
            return List.of(PersonCadence.of(person, cadences.findWithOpenStep(person), now));
        }
        return transactor.inTransaction(() -> {
            Map<UUID, Cadence> stored = cadences.findAll(kind, personIds);
            Map<UUID, FollowUp> open = followUps.findOpen(kind, personIds);
            return personIds.stream()
                    .map(id -> new PersonCadence(
                            stored.getOrDefault(id, Cadence.start(new PersonRef(kind, id), now)), open.get(id)))
                    .toList();
        });
    }

    /**
     * A lead as {@code GetLead} shows it, with where it stands in its cadence, in one read: out of
     * the caller's scope is not found, as an id never used ({@link Leads#get}).
     */
    public LeadShown shownLead(LeadId id) {
        Instant now = now();
        return shownLeads
                .findShown(id, caller.scope())
                .map(found -> new LeadShown(found.lead(), PersonCadence.of(PersonRef.of(id), found.cadence(), now)))
                .orElseThrow(() -> new NotFoundException(id.name()));
    }

    /** A lead and where it stands in its cadence ({@link #shownLead}). */
    public record LeadShown(Lead lead, PersonCadence cadence) {}

    /** {@link #shownLead} for a contact: out of the caller's scope is not found ({@link Contacts#get}). */
    public ContactShown shownContact(ContactId id) {
        Instant now = now();
        return shownContacts
                .findShown(id, caller.scope())
                .map(found ->
                        new ContactShown(found.contact(), PersonCadence.of(PersonRef.of(id), found.cadence(), now)))
                .orElseThrow(() -> new NotFoundException(id.name()));
    }

    /** A contact and where it stands in its cadence ({@link #shownContact}). */
    public record ContactShown(Contact contact, PersonCadence cadence) {}

    /** Follow-ups due by {@code asOf} ({@code null}: now), most overdue first. */
    public Page<FollowUp> listDue(String owner, Instant asOf, int requestedPageSize, String pageToken) {
        int pageSize = PageSize.resolve(requestedPageSize, "page_size");
        String cleanOwner = ControlCharacters.requireLine(blankToNull(owner), "owner");
        Optional<PageToken> after = pageToken == null || pageToken.isEmpty()
                ? Optional.empty()
                : Optional.of(PageToken.decode(pageToken, DueQuery.fingerprint(cleanOwner), "page_token"));
        return followUps.listDue(
                new DueQuery(cleanOwner, asOf == null ? now() : asOf, pageSize, after, caller.scope()));
    }

    /** Touches, newest first; every condition is optional ({@code null}), {@code to} is exclusive. */
    public Page<Touch> listTouches(
            PersonRef person, String performedBy, Instant from, Instant to, int requestedPageSize, String pageToken) {
        int pageSize = PageSize.resolve(requestedPageSize, "page_size");
        if (from != null && to != null && !from.isBefore(to)) {
            throw InvalidArgumentException.of("end_time", "must be after start_time");
        }
        if (person != null) {
            person(person);
        }
        String by = ControlCharacters.requireLine(blankToNull(performedBy), "performed_by");
        String fingerprint = TouchQuery.fingerprint(person, by, from, to);
        Optional<PageToken> after = pageToken == null || pageToken.isEmpty()
                ? Optional.empty()
                : Optional.of(PageToken.decode(pageToken, fingerprint, "page_token"));
        return touches.list(new TouchQuery(person, by, from, to, pageSize, after, caller.scope()));
    }

    private TouchLogged outcomeOf(Person person, Touch touch, Cadence cadence, Optional<FollowUp> next) {
        if (!person.ref().isLead() || !touch.outcome().isPositive()) {
            return new TouchLogged(touch, cadence, next, Optional.empty(), false);
        }
        if (!cadenceRules.policy().autoConvert()) {
            return new TouchLogged(touch, cadence, next, Optional.empty(), true);
        }
        Lead lead = leads.currentVersion(person.ref().leadId(), null);
        Contact contact = conversion.convertInTransaction(lead).contact();
        Touch carried = new Touch(
                touch.id(),
                touch.person(),
                contact.id(),
                touch.kind(),
                touch.channel(),
                touch.occurredAt(),
                touch.duration(),
                touch.outcome(),
                touch.note(),
                touch.performedBy(),
                touch.source(),
                touch.owner(),
                touch.followUpNumber(),
                touch.createdAt());
        return new TouchLogged(carried, cadence, next, Optional.of(contact), false);
    }

    private FollowUp nextStep(
            Person person, Cadence cadence, Instant now, Channel channel, Instant dueAt, String purpose) {
        return cadenceRules.nextFollowUp(ids.next(), person, cadence, now, channel, dueAt, purpose);
    }

    private void planChanged(PersonRef person) {
        observers.forEach(observer -> observer.planChanged(person));
    }

    private void record(Touch touch) {
        touches.insert(touch);
        observers.forEach(observer -> observer.logged(touch));
    }

    private FollowUp openFollowUp(UUID id) {
        FollowUp followUp = get(id);
        if (!followUp.open()) {
            throw new FailedPreconditionException(
                    ErrorReason.FOLLOW_UP_CLOSED,
                    followUp.name() + " is already " + followUp.state().name().toLowerCase(Locale.ROOT));
        }
        return followUp;
    }

    private void close(FollowUp closed) {
        if (!followUps.close(closed)) {
            throw new FailedPreconditionException(
                    ErrorReason.FOLLOW_UP_CLOSED,
                    closed.name() + " was closed by someone else just now; reload the due list");
        }
    }

    private Person person(PersonRef ref) {
        return ref.isLead() ? Person.of(leads.get(ref.leadId())) : Person.of(contacts.get(ref.contactId()));
    }

    private Cadence cadenceOf(PersonRef ref, Instant now) {
        return cadences.find(ref).orElseGet(() -> Cadence.start(ref, now));
    }

    private Opportunity dealOf(String name, Person person) {
        if (person.ref().isLead()) {
            throw InvalidArgumentException.of(
                    "touch.opportunity",
                    "deals are with contacts, and " + person.ref().name() + " is a lead: convert it first");
        }
        return opportunities.touchedFor(name, person.ref().contactId(), "touch.opportunity");
    }

    private Touch newTouch(TouchInput in, Person person, Integer followUpNumber, Instant now) {
        return newTouch(in, person, followUpNumber, now, null);
    }

    private Touch newTouch(
            TouchInput in, Person person, Integer followUpNumber, Instant now, OpportunityId opportunity) {
        return new Touch(
                ids.next(),
                person.ref(),
                person.ref().isLead() ? null : person.ref().contactId(),
                in.kind(),
                in.channel(),
                in.occurredAt(),
                in.duration(),
                in.outcome(),
                in.note(),
                in.performedBy(),
                person.source(),
                person.owner(),
                followUpNumber,
                now,
                opportunity);
    }

    /** @param parent the request field the touch sits under, or {@code null} when its fields are top-level */
    private static TouchInput validTouch(TouchInput in, Instant now, String parent) {
        Violations violations = new Violations();
        if (in.kind() == null) {
            violations.add("kind", "required: cold-call, follow-up or touch-base");
        }
        if (in.channel() == null) {
            violations.add("channel", "required: how the person was reached, e.g. phone or email");
        }
        if (in.outcome() == null) {
            violations.add("outcome", "required: what came of it, e.g. no-answer or replied-positive");
        }
        Instant at = in.occurredAt() == null ? now : in.occurredAt().truncatedTo(ChronoUnit.MICROS);
        if (at.isAfter(now.plus(FUTURE_TOLERANCE))) {
            violations.add("occur_time", "is in the future; log touches once they happened");
        }
        Duration duration = in.duration() == null ? Duration.ZERO : in.duration();
        if (duration.isNegative()) {
            violations.add("duration", "must not be negative");
        }
        String note = blankToNull(in.note());
        if (note != null && note.length() > MAX_NOTE) {
            violations.add("note", "must be at most " + MAX_NOTE + " characters, got " + note.length());
        } else if (ControlCharacters.textProblem(note) != null) {
            violations.add("note", ControlCharacters.textProblem(note));
        }
        String by = blankToNull(in.performedBy());
        if (by != null && by.length() > MAX_PERFORMER) {
            violations.add("performed_by", "must be at most " + MAX_PERFORMER + " characters");
        } else if (ControlCharacters.lineProblem(by) != null) {
            violations.add("performed_by", ControlCharacters.lineProblem(by));
        }
        try {
            violations.throwIfAny();
        } catch (InvalidArgumentException e) {
            throw parent == null ? e : e.under(parent);
        }
        return new TouchInput(
                in.person(),
                in.kind(),
                in.channel(),
                at,
                duration.truncatedTo(ChronoUnit.MICROS),
                in.outcome(),
                note,
                by,
                blankToNull(in.opportunity()));
    }

    private static String blankToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    // databases keep microseconds; truncating here keeps what we return equal to what we stored
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
