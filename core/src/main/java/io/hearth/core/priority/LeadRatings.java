package io.hearth.core.priority;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.error.StaleEtagException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadId;
import io.hearth.core.lead.LeadObserver;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.LeadStore;
import io.hearth.core.lead.RepGrade;
import io.hearth.core.persistence.Transactor;
import io.hearth.core.queue.CadenceStanding;
import io.hearth.core.queue.LeadQueueRules;
import io.hearth.core.queue.PersonKind;
import io.hearth.core.queue.QueueStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

/**
 * Keeps every lead's temperature, qualification and queue entry current: on every lead write (as
 * a {@link LeadObserver}), on qualification and override, on touch activity, and when time alone
 * moves a rating (decay). Everything happens in the transaction of the change that caused it.
 */
public final class LeadRatings implements LeadObserver {
    private static final String DEFAULT_OVERRIDE_REASON = "set by rep";

    private final LeadStore leads;
    private final LeadProfileStore profiles;
    private final QueueStore queue;
    private final Transactor transactor;
    private final TemperatureModel model;
    private final SpeedToLeadPolicy speedToLead;
    private final Clock clock;
    private final Function<LeadId, CadenceStanding> cadences;

    public LeadRatings(LeadStore leads, LeadProfileStore profiles, QueueStore queue, Transactor transactor,
                       TemperatureModel model, SpeedToLeadPolicy speedToLead, Clock clock) {
        this(leads, profiles, queue, transactor, model, speedToLead, clock, id -> CadenceStanding.NONE);
    }

    /**
     * @param cadences where a lead's follow-up cadence stands, read in the caller's transaction: a
     *     lead in drip (or unsubscribed) is nurtured, not worked by hand, so it leaves the queue; a
     *     lead with a follow-up scheduled waits for it
     */
    public LeadRatings(LeadStore leads, LeadProfileStore profiles, QueueStore queue, Transactor transactor,
                       TemperatureModel model, SpeedToLeadPolicy speedToLead, Clock clock,
                       Function<LeadId, CadenceStanding> cadences) {
        this.cadences = requireNonNull(cadences, "cadences is null");
        this.leads = requireNonNull(leads, "leads is null");
        this.profiles = requireNonNull(profiles, "profiles is null");
        this.queue = requireNonNull(queue, "queue is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
        this.model = requireNonNull(model, "model is null");
        this.speedToLead = requireNonNull(speedToLead, "speedToLead is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Lead written(Lead lead, RepGrade repGrade) {
        LeadProfile profile = profiles.find(lead.id()).orElseGet(() -> newProfile(lead));
        if (repGrade.changed()) {
            profile = withOverride(profile, repGrade.grade() == null ? null
                    : new TemperatureOverride(repGrade.grade(), DEFAULT_OVERRIDE_REASON, lead.fields().owner(), now()));
        }
        return rerate(lead, profile).lead();
    }

    public LeadProfile profile(LeadId id) {
        return transactor.inTransaction(() -> {
            Lead lead = lead(id);
            return profiles.find(id).orElseGet(() -> rerate(lead, newProfile(lead)).profile());
        });
    }

    /**
     * Records what the rep learned. All four BANT answers yes makes an open lead qualified.
     */
    public Rated qualify(LeadId id, Qualification qualification) {
        return transactor.inTransaction(() -> {
            Lead lead = workableLead(id);
            LeadProfile profile = profiles.find(id).orElseGet(() -> newProfile(lead));
            Lead current = lead;
            if (qualification.bant().qualified() && (lead.fields().status() == LeadStatus.NEW
                    || lead.fields().status() == LeadStatus.CONTACTED)) {
                current = markQualified(lead);
            }
            return rerate(current, new LeadProfile(id, qualification, profile.override(), profile.responseDeadline(),
                    profile.activity(), profile.rating(), profile.ratedAt(), profile.ratingValidUntil()));
        });
    }

    /** Pins the rep's own grade, with the reason shown beside it; {@code grade == null} clears the pin. */
    public Rated override(LeadId id, Temperature grade, String reason, String by) {
        return transactor.inTransaction(() -> {
            Lead lead = workableLead(id);
            LeadProfile profile = profiles.find(id).orElseGet(() -> newProfile(lead));
            TemperatureOverride override = grade == null ? null
                    : new TemperatureOverride(grade, reason == null || reason.isBlank() ? DEFAULT_OVERRIDE_REASON
                            : reason.strip(), by, now());
            return rerate(lead, withOverride(profile, override));
        });
    }

    /** Folds touch activity into the lead's rating: a first touch also records the response time. */
    public Rated recordActivity(LeadId id, Activity activity) {
        return transactor.inTransaction(() -> {
            Lead lead = lead(id);
            LeadProfile profile = profiles.find(id).orElseGet(() -> newProfile(lead));
            return rerate(lead, new LeadProfile(id, profile.qualification(), profile.override(),
                    profile.responseDeadline(), merge(profile.activity(), activity), profile.rating(),
                    profile.ratedAt(), profile.ratingValidUntil()));
        });
    }

    /**
     * Re-rates a lead and re-places it in the queue, e.g. after a follow-up was scheduled or done, or
     * its cadence moved it to drip.
     */
    public Rated refresh(LeadId id) {
        return transactor.inTransaction(() -> {
            Lead lead = lead(id);
            return rerate(lead, profiles.find(id).orElseGet(() -> newProfile(lead)));
        });
    }

    /** Re-rates leads whose rating time has caught up with; returns how many it did. */
    public int rerateExpired(int limit) {
        List<LeadId> due = profiles.ratingsExpiredBy(now(), limit);
        for (LeadId id : due) {
            transactor.run(() -> leads.find(id).ifPresent(lead -> profiles.find(id).ifPresent(p -> rerate(lead, p))));
        }
        return due.size();
    }

    /** A lead with its freshly computed profile. */
    public record Rated(Lead lead, LeadProfile profile) {
    }

    private Rated rerate(Lead lead, LeadProfile profile) {
        LeadSignals signals = signals(lead, profile);
        TemperatureRating rating = model.rate(signals);
        LeadProfile rated = new LeadProfile(lead.id(), profile.qualification(), profile.override(),
                profile.responseDeadline(), profile.activity(), rating, now(), model.validUntil(signals));
        profiles.save(rated);
        Lead current = lead;
        if (lead.fields().temperature() != rated.temperature()) {
            leads.setTemperature(lead.id(), rated.temperature());
            current = new Lead(lead.id(), lead.fields().toBuilder().temperature(rated.temperature()).build(),
                    lead.createdAt(), lead.updatedAt(), lead.archivedAt(), lead.version());
        }
        Lead queued = current;
        LeadQueueRules.entryFor(queued, rated, cadences.apply(queued.id()))
                .ifPresentOrElse(queue::put, () -> queue.remove(queued.id().value(), PersonKind.LEAD));
        return new Rated(current, rated);
    }

    private LeadProfile newProfile(Lead lead) {
        TemperatureRating unrated = new TemperatureRating(Temperature.COLD, false, 0, List.of("not rated yet"));
        return new LeadProfile(lead.id(), Qualification.NONE, null,
                speedToLead.deadline(lead.fields().source(), lead.createdAt()).orElse(null), Activity.NONE, unrated,
                now(), null);
    }

    private static LeadProfile withOverride(LeadProfile p, TemperatureOverride override) {
        return new LeadProfile(p.leadId(), p.qualification(), override, p.responseDeadline(), p.activity(), p.rating(),
                p.ratedAt(), p.ratingValidUntil());
    }

    private static LeadSignals signals(Lead lead, LeadProfile profile) {
        Qualification q = profile.qualification();
        Activity a = profile.activity();
        return new LeadSignals(lead.fields().source(), q.referral(), q.needBy(), q.bant(), q.leadLevel(),
                lead.createdAt(), a.lastTouchAt(), a.lastConversationAt(), a.lastPositiveAt(), a.nextMeetingAt());
    }

    /** Keeps the earliest first touch and the latest of everything else. */
    private static Activity merge(Activity known, Activity news) {
        return new Activity(earliest(known.firstTouchAt(), news.firstTouchAt()),
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
        Lead qualified = new Lead(lead.id(), lead.fields().toBuilder().status(LeadStatus.QUALIFIED).build(),
                lead.createdAt(), now(), lead.archivedAt(), lead.version() + 1);
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
