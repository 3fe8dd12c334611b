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
import io.hearth.core.lead.SyncedLead;
import io.hearth.core.persistence.Transactor;
import io.hearth.core.queue.LeadQueueRules;
import io.hearth.core.queue.QueueEntry;
import io.hearth.core.queue.QueueStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private final DripMembers drip;

    public LeadRatings(LeadStore leads, LeadProfileStore profiles, QueueStore queue, Transactor transactor,
                       TemperatureModel model, SpeedToLeadPolicy speedToLead, Clock clock) {
        this(leads, profiles, queue, transactor, model, speedToLead, clock, DripMembers.NONE);
    }

    /** @param drip leads that leave the queue because a drip campaign nurtures them */
    public LeadRatings(LeadStore leads, LeadProfileStore profiles, QueueStore queue, Transactor transactor,
                       TemperatureModel model, SpeedToLeadPolicy speedToLead, Clock clock, DripMembers drip) {
        this.drip = requireNonNull(drip, "drip is null");
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

    @Override
    public Lead inserting(SyncedLead synced) {
        Lead lead = synced.lead();
        return withTemperature(lead, rated(lead, newProfile(lead, syncedDeadline(synced, now()))).temperature());
    }

    /**
     * Rates a sync's batch with one statement per table rather than several per lead. A synced lead
     * gets a speed-to-lead deadline only when its source says when the person asked and that
     * deadline is still ahead: a spreadsheet of last month's web leads is not a queue of fresh inquiries.
     */
    @Override
    public List<Lead> synced(List<SyncedLead> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        Instant now = now();
        // a lead the sync just made has no profile, cadence or queue entry yet: nothing to look up
        List<LeadId> existing = batch.stream().filter(s -> !s.created()).map(s -> s.lead().id()).toList();
        Map<LeadId, LeadProfile> stored = existing.isEmpty() ? Map.of() : profiles.findAll(existing);
        Set<LeadId> inDrip = existing.isEmpty() ? Set.of() : drip.among(existing);
        List<LeadProfile> rated = new ArrayList<>(batch.size());
        Map<LeadId, Temperature> regraded = new HashMap<>();
        List<QueueEntry> entries = new ArrayList<>(batch.size());
        List<Lead> result = new ArrayList<>(batch.size());
        for (SyncedLead synced : batch) {
            Lead lead = synced.lead();
            LeadProfile profile = stored.get(lead.id());
            if (profile == null) {
                profile = newProfile(lead, syncedDeadline(synced, now));
            }
            LeadProfile ratedProfile = rated(lead, profile);
            rated.add(ratedProfile);
            Lead current = lead;
            if (lead.fields().temperature() != ratedProfile.temperature()) {
                regraded.put(lead.id(), ratedProfile.temperature());
                current = withTemperature(lead, ratedProfile.temperature());
            }
            LeadQueueRules.entryFor(current, ratedProfile, inDrip.contains(lead.id())).ifPresent(entries::add);
            result.add(current);
        }
        profiles.saveAll(rated, stored.keySet());
        leads.setTemperatures(regraded);
        queue.replaceAll(existing.stream().map(LeadId::value).toList(), entries);
        return result;
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

    /** Re-rates a lead and re-places it in the queue, e.g. after its cadence moved it to drip. */
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
        LeadProfile rated = rated(lead, profile);
        profiles.save(rated);
        Lead current = lead;
        if (lead.fields().temperature() != rated.temperature()) {
            leads.setTemperature(lead.id(), rated.temperature());
            current = withTemperature(lead, rated.temperature());
        }
        Lead queued = current;
        LeadQueueRules.entryFor(queued, rated, drip.contains(queued.id()))
                .ifPresentOrElse(queue::put, () -> queue.remove(queued.id().value()));
        return new Rated(current, rated);
    }

    private LeadProfile rated(Lead lead, LeadProfile profile) {
        LeadSignals signals = signals(lead, profile);
        TemperatureRating rating = model.rate(signals);
        return new LeadProfile(lead.id(), profile.qualification(), profile.override(),
                profile.responseDeadline(), profile.activity(), rating, now(), model.validUntil(signals));
    }

    private Instant syncedDeadline(SyncedLead synced, Instant now) {
        return synced.inquiredAt() == null ? null
                : speedToLead.deadline(synced.lead().fields().source(), synced.inquiredAt())
                        .filter(deadline -> deadline.isAfter(now)).orElse(null);
    }

    private static Lead withTemperature(Lead lead, Temperature temperature) {
        return new Lead(lead.id(), lead.fields().toBuilder().temperature(temperature).build(),
                lead.createdAt(), lead.updatedAt(), lead.archivedAt(), lead.version());
    }

    private LeadProfile newProfile(Lead lead) {
        return newProfile(lead, speedToLead.deadline(lead.fields().source(), lead.createdAt()).orElse(null));
    }

    private LeadProfile newProfile(Lead lead, Instant responseDeadline) {
        TemperatureRating unrated = new TemperatureRating(Temperature.COLD, false, 0, List.of("not rated yet"));
        return new LeadProfile(lead.id(), Qualification.NONE, null, responseDeadline, Activity.NONE, unrated,
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
