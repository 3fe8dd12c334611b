package io.hearth.core.priority;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.error.StaleEtagException;
import io.hearth.core.error.Violations;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadId;
import io.hearth.core.lead.LeadObserver;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.LeadStore;
import io.hearth.core.lead.RepGrade;
import io.hearth.core.lead.SyncedLead;
import io.hearth.core.persistence.Transactor;
import io.hearth.core.queue.CadenceStanding;
import io.hearth.core.queue.LeadQueueRules;
import io.hearth.core.queue.PersonKind;
import io.hearth.core.queue.QueueEntry;
import io.hearth.core.queue.QueueStore;
import io.hearth.core.resource.ControlCharacters;
import io.hearth.core.resource.UpdateMask;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Keeps every lead's temperature, qualification, queue entry and speed-to-lead record current: on
 * every lead write (as a {@link LeadObserver}), on qualification and override, on touch activity,
 * when time alone moves a rating (decay) or passes a response deadline, and when the probability
 * model is retrained. Everything happens in the transaction of the change that caused it.
 *
 * <p>Every profile write is guarded by the profile's row version. A writer that loses a race
 * reads the profile (and lead) again and re-applies its own change on top, so concurrent writers on
 * several servers never lose each other's work; only a qualification sent with a stale etag is
 * refused.
 */
public final class LeadRatings implements LeadObserver {
    private static final String DEFAULT_OVERRIDE_REASON = "set by rep";
    /** The request field of a qualification, under which its parts are named. */
    private static final String QUALIFICATION = "qualification";
    /**
     * After the first lost race the row is locked, so the second attempt wins; the third only runs
     * when a concurrent first save created the profile the second attempt could not lock yet.
     */
    private static final int MAX_ATTEMPTS = 3;

    private final LeadStore leads;
    private final LeadProfileStore profiles;
    private final MissedDeadlineStore missedDeadlines;
    private final QueueStore queue;
    private final Transactor transactor;
    private final TemperatureModel model;
    private final SpeedToLeadPolicy speedToLead;
    private final Clock clock;
    private final Function<LeadId, CadenceStanding> cadences;

    public LeadRatings(
            LeadStore leads,
            LeadProfileStore profiles,
            MissedDeadlineStore missedDeadlines,
            QueueStore queue,
            Transactor transactor,
            TemperatureModel model,
            SpeedToLeadPolicy speedToLead,
            Clock clock) {
        this(
                leads,
                profiles,
                missedDeadlines,
                queue,
                transactor,
                model,
                speedToLead,
                clock,
                id -> CadenceStanding.NONE);
    }

    /**
     * @param cadences where a lead's follow-up cadence stands, read in the caller's transaction: a
     *     lead in drip (or unsubscribed) is nurtured, not worked by hand, so it leaves the queue; a
     *     lead with a follow-up scheduled waits for it
     */
    public LeadRatings(
            LeadStore leads,
            LeadProfileStore profiles,
            MissedDeadlineStore missedDeadlines,
            QueueStore queue,
            Transactor transactor,
            TemperatureModel model,
            SpeedToLeadPolicy speedToLead,
            Clock clock,
            Function<LeadId, CadenceStanding> cadences) {
        this.cadences = requireNonNull(cadences, "cadences is null");
        this.leads = requireNonNull(leads, "leads is null");
        this.profiles = requireNonNull(profiles, "profiles is null");
        this.missedDeadlines = requireNonNull(missedDeadlines, "missedDeadlines is null");
        this.queue = requireNonNull(queue, "queue is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
        this.model = requireNonNull(model, "model is null");
        this.speedToLead = requireNonNull(speedToLead, "speedToLead is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Lead written(Lead lead, RepGrade repGrade) {
        // the caller's transaction holds the lead row it just wrote: nobody else can change it
        return change(
                        lead.id(),
                        () -> lead,
                        profile -> !repGrade.changed()
                                ? profile
                                : profile.withOverride(
                                        repGrade.grade() == null
                                                ? null
                                                : new TemperatureOverride(
                                                        repGrade.grade(),
                                                        DEFAULT_OVERRIDE_REASON,
                                                        lead.fields().owner(),
                                                        now())))
                .lead();
    }

    @Override
    public Lead inserting(SyncedLead synced) {
        Lead lead = synced.lead();
        Instant now = now();
        return withTemperature(
                lead,
                rated(lead, newProfile(lead, syncedDeadline(synced, now)), now).temperature());
    }

    /**
     * Rates a sync's batch. The leads it created are rated with one insert per table for the whole
     * batch (nobody else can know them yet); the leads it merged into go the versioned way of
     * {@link #written}. A created lead gets a speed-to-lead deadline only when its source says when
     * the person asked and that deadline is still ahead: a spreadsheet of last month's web leads is
     * not a queue of fresh inquiries.
     */
    @Override
    public List<Lead> synced(List<SyncedLead> batch) {
        Instant now = now();
        List<LeadProfile> created = new ArrayList<>();
        Map<LeadId, Temperature> regraded = new HashMap<>();
        List<QueueEntry> entries = new ArrayList<>();
        List<Lead> result = new ArrayList<>(batch.size());
        for (SyncedLead synced : batch) {
            Lead lead = synced.lead();
            if (!synced.created()) {
                result.add(written(lead, RepGrade.UNCHANGED));
                continue;
            }
            LeadProfile rated = rated(lead, newProfile(lead, syncedDeadline(synced, now)), now);
            created.add(rated);
            Lead current = lead;
            if (lead.fields().temperature() != rated.temperature()) {
                regraded.put(lead.id(), rated.temperature());
                current = withTemperature(lead, rated.temperature());
            }
            // a lead made this instant is in no cadence yet: no drip, no follow-up scheduled
            LeadQueueRules.entryFor(current, rated.stored(), CadenceStanding.NONE)
                    .ifPresent(entries::add);
            result.add(current);
        }
        profiles.insertAll(created);
        leads.setTemperatures(regraded);
        queue.insertAll(entries);
        return result;
    }

    public LeadProfile profile(LeadId id) {
        return transactor.inTransaction(() -> {
            Lead lead = lead(id);
            return profiles.find(id)
                    .orElseGet(() -> change(id, () -> lead, p -> p).profile());
        });
    }

    /**
     * QualifyLead as the API receives it, checked here: what the rep sent is read
     * ({@link QualificationInput#read}), and its fields the update mask names or, without a mask,
     * the fields the request set ({@link UpdateMask}) are recorded as by
     * {@link #qualify(LeadId, Qualification, Set, String)}.
     *
     * @param input {@code null} when the request carries no qualification, which is refused
     * @param maskPaths the update mask's paths, relative to the qualification; empty when the request has no mask
     * @param fieldsSet the fields the request carries a value for
     */
    public Rated qualify(
            LeadId id,
            QualificationInput input,
            List<String> maskPaths,
            Set<QualificationField> fieldsSet,
            String etag) {
        if (input == null) {
            throw InvalidArgumentException.of(QUALIFICATION, "required: what you learned about the lead");
        }
        Set<QualificationField> mask =
                UpdateMask.resolve(maskPaths, QualificationField::fromPaths, fieldsSet, QUALIFICATION);
        return qualify(id, input.read(QUALIFICATION), mask, etag);
    }

    /**
     * Records what the rep learned: the {@code mask}ed fields of {@code changes}, the rest kept. A
     * non-blank {@code etag} must be the qualification's current one. All four BANT answers yes
     * makes an open lead qualified.
     */
    public Rated qualify(LeadId id, Qualification changes, Set<QualificationField> mask, String etag) {
        if (mask.isEmpty()) {
            throw InvalidArgumentException.of("update_mask", "names no qualification field to update");
        }
        if (mask.contains(QualificationField.NOTE) && ControlCharacters.textProblem(changes.note()) != null) {
            throw InvalidArgumentException.of("qualification.note", ControlCharacters.textProblem(changes.note()));
        }
        String expected = etag == null || etag.isBlank() ? null : etag.strip();
        return transactor.inTransaction(() -> {
            Rated rated = change(id, () -> workableLead(id), profile -> {
                if (expected != null && !expected.equals(profile.qualificationEtag())) {
                    throw StaleEtagException.sent(
                            "the qualification of " + id.name(), expected, profile.qualificationEtag());
                }
                return profile.withQualification(QualificationField.apply(profile.qualification(), changes, mask));
            });
            LeadStatus status = rated.lead().fields().status();
            if (rated.profile().qualification().bant().qualified()
                    && (status == LeadStatus.NEW || status == LeadStatus.CONTACTED)) {
                return new Rated(markQualified(rated.lead()), rated.profile());
            }
            return rated;
        });
    }

    /**
     * Pins the rep's own grade, with the reason shown beside it ({@link TemperatureOverride#checkReason});
     * {@code grade == null} clears the pin.
     *
     * @param by who set it; blank for nobody named
     */
    public Rated override(LeadId id, Temperature grade, String reason, String by) {
        TemperatureOverride.checkReason(grade, reason, "reason");
        String setBy = by == null || by.isBlank() ? null : by.strip();
        Violations violations = new Violations();
        if (ControlCharacters.textProblem(reason) != null) {
            violations.add("reason", ControlCharacters.textProblem(reason));
        }
        if (ControlCharacters.lineProblem(setBy) != null) {
            violations.add("set_by", ControlCharacters.lineProblem(setBy));
        }
        violations.throwIfAny();
        TemperatureOverride override =
                grade == null ? null : new TemperatureOverride(grade, reason.strip(), setBy, now());
        return transactor.inTransaction(
                () -> change(id, () -> workableLead(id), profile -> profile.withOverride(override)));
    }

    /**
     * Folds touch activity into the lead's rating: a first touch also records the response time,
     * and a late one the response to a missed deadline.
     */
    public Rated recordActivity(LeadId id, Activity activity) {
        return transactor.inTransaction(() ->
                change(id, () -> lead(id), profile -> profile.withActivity(merge(profile.activity(), activity))));
    }

    /**
     * Re-rates a lead and re-places it in the queue, e.g. after a follow-up was scheduled or done, or
     * its cadence moved it to drip.
     */
    public Rated refresh(LeadId id) {
        return transactor.inTransaction(() -> change(id, () -> lead(id), p -> p));
    }

    /**
     * Re-rates leads whose rating time has caught up with (decay, a need date drawing near, a
     * response deadline passing), each in its own transaction; returns how many it did.
     */
    public int rerateExpired(int limit) {
        List<LeadId> due = profiles.ratingsExpiredBy(now(), limit);
        for (LeadId id : due) {
            transactor.run(() -> rerate(id));
        }
        return due.size();
    }

    /**
     * Re-rates every open lead (not archived, not converted, not in drip), e.g. after the
     * probability model changed, so the queue reflects the new model at once. Walks the leads in id
     * order, {@code batchSize} at a time, each batch in its own short transaction; stops early when
     * the thread is interrupted. Returns how many leads it re-rated.
     */
    public int rerateOpenLeads(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        int total = 0;
        LeadId after = null;
        while (!Thread.currentThread().isInterrupted()) {
            List<LeadId> batch = profiles.openLeadsAfter(after, batchSize);
            transactor.run(() -> batch.forEach(this::rerate));
            total += batch.size();
            if (batch.size() < batchSize) {
                break;
            }
            after = batch.get(batch.size() - 1);
        }
        return total;
    }

    /** A lead with its freshly computed profile. */
    public record Rated(Lead lead, LeadProfile profile) {}

    /**
     * Applies {@code change} to the stored profile (a new one for a lead without) and re-rates the
     * lead. The profile is read before the lead: every lead write also writes the profile, so a
     * profile whose version still holds at our write was read with the lead as it is now. The first
     * attempt is optimistic; after a lost race the profile row is locked first, then both are read
     * again and the change re-applied, so a busy lead cannot starve a writer.
     */
    private Rated change(LeadId id, Supplier<Lead> currentLead, UnaryOperator<LeadProfile> change) {
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) {
                profiles.lock(id);
            }
            Optional<LeadProfile> stored = profiles.find(id);
            Lead lead = currentLead.get();
            LeadProfile profile = stored.orElseGet(() -> newProfile(lead));
            Optional<Rated> rated = rerate(lead, change.apply(profile));
            if (rated.isPresent()) {
                return rated.get();
            }
            if (attempt == MAX_ATTEMPTS) {
                throw StaleEtagException.concurrent(lead.id().name());
            }
        }
    }

    /** Re-rates a lead with nothing changed but the time and the model. */
    private void rerate(LeadId id) {
        change(id, () -> lead(id), p -> p);
    }

    /**
     * Rates the profile afresh and stores it with everything derived from it; empty, having written
     * nothing, when another writer changed the profile since it was read.
     */
    private Optional<Rated> rerate(Lead lead, LeadProfile profile) {
        Instant now = now();
        LeadProfile rated = rated(lead, profile, now);
        if (!profiles.save(rated)) {
            return Optional.empty();
        }
        recordSpeedToLead(lead, rated, now);
        Lead current = lead;
        if (lead.fields().temperature() != rated.temperature()) {
            leads.setTemperature(lead.id(), rated.temperature());
            current = withTemperature(lead, rated.temperature());
        }
        Lead queued = current;
        LeadQueueRules.entryFor(queued, rated, cadences.apply(queued.id()))
                .ifPresentOrElse(queue::put, () -> queue.remove(queued.id().value(), PersonKind.LEAD));
        return Optional.of(new Rated(current, rated.stored()));
    }

    /**
     * Keeps the lead's missed-deadline record in line with the rule: recorded once the deadline
     * passed before the first touch, given the late touch when it comes, withdrawn if a touch logged
     * afterwards turns out to have been in time. Runs under the profile's row version, so of two
     * servers noticing one miss, only one gets this far.
     */
    private void recordSpeedToLead(Lead lead, LeadProfile profile, Instant now) {
        Instant deadline = profile.responseDeadline();
        Instant firstTouch = profile.activity().firstTouchAt();
        if (deadline == null || (firstTouch == null && !now.isAfter(deadline))) {
            return;
        }
        boolean missed = speedToLead.missed(deadline, firstTouch, lead.archivedAt(), now);
        Optional<MissedDeadline> recorded = missedDeadlines.find(lead.id());
        if (missed && recorded.isEmpty()) {
            missedDeadlines.insert(new MissedDeadline(
                    lead.id(),
                    lead.displayName(),
                    lead.fields().owner(),
                    lead.fields().source(),
                    lead.createdAt(),
                    deadline,
                    now,
                    firstTouch));
        } else if (missed && !Objects.equals(recorded.get().respondedAt(), firstTouch)) {
            missedDeadlines.setRespondedAt(lead.id(), firstTouch);
        } else if (!missed && recorded.isPresent()) {
            missedDeadlines.delete(lead.id());
        }
    }

    /** The profile rated afresh at {@code now}, not stored. */
    private LeadProfile rated(Lead lead, LeadProfile profile, Instant now) {
        LeadSignals signals = signals(lead, profile);
        TemperatureRating rating = model.rate(signals);
        Instant validUntil = earliest(
                model.validUntil(signals),
                speedToLead
                        .checkAfter(
                                profile.responseDeadline(), profile.activity().firstTouchAt(), now)
                        .orElse(null));
        return profile.withRating(rating, now, validUntil);
    }

    private Instant syncedDeadline(SyncedLead synced, Instant now) {
        return synced.inquiredAt() == null
                ? null
                : speedToLead
                        .deadline(synced.lead().fields().source(), synced.inquiredAt())
                        .filter(deadline -> deadline.isAfter(now))
                        .orElse(null);
    }

    private static Lead withTemperature(Lead lead, Temperature temperature) {
        return lead.rewritten(
                lead.fields().toBuilder().temperature(temperature).build(), lead.updatedAt(), lead.version());
    }

    private LeadProfile newProfile(Lead lead) {
        return newProfile(
                lead,
                speedToLead.deadline(lead.fields().source(), lead.createdAt()).orElse(null));
    }

    private LeadProfile newProfile(Lead lead, Instant responseDeadline) {
        TemperatureRating unrated = new TemperatureRating(Temperature.COLD, false, 0, List.of("not rated yet"));
        return new LeadProfile(
                lead.id(), Qualification.NONE, null, responseDeadline, Activity.NONE, unrated, now(), null, 0, 1);
    }

    private static LeadSignals signals(Lead lead, LeadProfile profile) {
        Qualification q = profile.qualification();
        Activity a = profile.activity();
        return new LeadSignals(
                lead.fields().source(),
                q.referral(),
                q.needBy(),
                q.bant(),
                q.leadLevel(),
                lead.createdAt(),
                a.lastTouchAt(),
                a.lastConversationAt(),
                a.lastPositiveAt(),
                a.nextMeetingAt());
    }

    /** Keeps the earliest first touch and the latest of everything else. */
    private static Activity merge(Activity known, Activity news) {
        return new Activity(
                earliest(known.firstTouchAt(), news.firstTouchAt()),
                latest(known.lastTouchAt(), news.lastTouchAt()),
                latest(known.lastConversationAt(), news.lastConversationAt()),
                latest(known.lastPositiveAt(), news.lastPositiveAt()),
                news.nextMeetingAt() != null ? news.nextMeetingAt() : known.nextMeetingAt());
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private Lead markQualified(Lead lead) {
        Lead qualified = lead.rewritten(
                lead.fields().toBuilder().status(LeadStatus.QUALIFIED).build(), now(), lead.version() + 1);
        if (!leads.update(qualified, lead.version())) {
            throw StaleEtagException.concurrent(lead.id().name());
        }
        return qualified;
    }

    private Lead lead(LeadId id) {
        return leads.find(id).orElseThrow(() -> new NotFoundException(id.name()));
    }

    private Lead workableLead(LeadId id) {
        Lead lead = lead(id);
        if (lead.archived()) {
            throw new FailedPreconditionException("LEAD_ARCHIVED", id.name() + " is archived; restore it first");
        }
        return lead;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
