package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.LeadStore;
import io.hearth.core.lead.LeadWriteStep;
import io.hearth.core.lead.RepGrade;
import io.hearth.core.lead.SyncedLead;
import io.hearth.core.lead.Temperature;
import io.hearth.core.person.LeadId;
import io.hearth.core.priority.Activity;
import io.hearth.core.priority.LeadProfile;
import io.hearth.core.priority.LeadProfileStore;
import io.hearth.core.priority.LeadRater;
import io.hearth.core.priority.MissedDeadlineStore;
import io.hearth.core.priority.SpeedToLeadPolicy;
import io.hearth.core.priority.TemperatureModel;
import io.hearth.core.priority.TemperatureOverride;
import io.hearth.core.queue.CadenceStanding;
import io.hearth.core.queue.QueueEntry;
import io.hearth.core.queue.QueueStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Keeps every lead's temperature, queue entry and speed-to-lead record current: on every lead write
 * (as a {@link LeadWriteStep}), on touch activity, when time alone moves a rating (decay) or passes a
 * response deadline, and when the probability model is retrained. Everything happens in the
 * transaction of the change that caused it, through {@link LeadProfiles}. What a rep tells about a
 * lead goes through {@link LeadQualifications} and {@link TemperatureOverrides}.
 */
public final class LeadRatings implements LeadWriteStep {
    private static final String DEFAULT_OVERRIDE_REASON = "set by rep";

    private final LeadProfiles profiles;
    private final Transactor transactor;

    /**
     * @param cadences where a lead's follow-up cadence stands, read in the caller's transaction: a
     *     lead in drip (or unsubscribed) is nurtured, not worked by hand, so it leaves the queue; a
     *     lead with a follow-up scheduled waits for it
     * @param caller who a qualification or an override acts for: a lead out of its scope is not found
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
            Function<LeadId, CadenceStanding> cadences,
            CurrentCaller caller) {
        this.transactor = requireNonNull(transactor, "transactor is null");
        this.profiles = new LeadProfiles(
                leads,
                profiles,
                new LeadRater(model, speedToLead),
                new LeadQueuePlacement(queue, cadences),
                new SpeedToLeadRecorder(missedDeadlines, speedToLead),
                clock,
                caller);
    }

    /** The profile engine qualification and override share with the ratings. */
    LeadProfiles profiles() {
        return profiles;
    }

    Transactor transactor() {
        return transactor;
    }

    @Override
    public Lead written(Lead lead, RepGrade repGrade) {
        // the caller's transaction holds the lead row it just wrote: nobody else can change it
        return profiles.change(lead.id(), () -> lead, profile -> withRepGrade(profile, lead, repGrade))
                .lead();
    }

    private LeadProfile withRepGrade(LeadProfile profile, Lead lead, RepGrade repGrade) {
        return !repGrade.changed()
                ? profile
                : profile.withOverride(
                        repGrade.grade() == null
                                ? null
                                : new TemperatureOverride(
                                        repGrade.grade(),
                                        DEFAULT_OVERRIDE_REASON,
                                        lead.fields().owner(),
                                        profiles.now()));
    }

    @Override
    public Lead created(Lead lead, RepGrade repGrade) {
        // the caller's transaction just inserted the lead: no profile, cadence or queue entry yet
        return profiles.changeNew(lead, profile -> withRepGrade(profile, lead, repGrade))
                .lead();
    }

    @Override
    public Lead creating(Lead lead, RepGrade repGrade) {
        // the rating created() will store: equal, so it need not update the row just inserted
        return LeadProfiles.withTemperature(
                lead, profiles.temperatureOfNew(lead, profile -> withRepGrade(profile, lead, repGrade)));
    }

    @Override
    public Lead inserting(SyncedLead synced) {
        Lead lead = synced.lead();
        Instant now = profiles.now();
        LeadRater rater = profiles.rater();
        return LeadProfiles.withTemperature(
                lead,
                rater.rated(lead, rater.newProfile(lead, rater.syncedDeadline(synced, now), now), now)
                        .temperature());
    }

    /**
     * Rates a sync's batch. The leads it created are rated with one insert per table for the whole
     * batch (nobody else can know them yet); the leads it merged into go the versioned way of
     * {@link #written}. A created lead gets a speed-to-lead deadline only when its source says when
     * the person asked and that deadline is still ahead ({@link LeadRater#syncedDeadline}).
     */
    @Override
    public List<Lead> synced(List<SyncedLead> batch) {
        Instant now = profiles.now();
        LeadRater rater = profiles.rater();
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
            LeadProfile rated = rater.rated(lead, rater.newProfile(lead, rater.syncedDeadline(synced, now), now), now);
            created.add(rated);
            Lead current = lead;
            if (lead.fields().temperature() != rated.temperature()) {
                regraded.put(lead.id(), rated.temperature());
                current = LeadProfiles.withTemperature(lead, rated.temperature());
            }
            LeadQueuePlacement.entryOfNew(current, rated.stored()).ifPresent(entries::add);
            result.add(current);
        }
        profiles.store().insertAll(created);
        profiles.leads().setTemperatures(regraded);
        profiles.placement().placeAllNew(entries);
        return result;
    }

    public LeadProfile profile(LeadId id) {
        return transactor.inTransaction(() -> {
            Lead lead = profiles.lead(id);
            return profiles.store()
                    .find(id)
                    .orElseGet(() -> profiles.change(id, () -> lead, p -> p).profile());
        });
    }

    /**
     * Folds touch activity into the lead's rating: a first touch also records the response time,
     * and a late one the response to a missed deadline. A touch moves a new lead to contacted.
     */
    public RatedLead recordActivity(LeadId id, Activity activity) {
        return transactor.inTransaction(() -> {
            RatedLead rated = foldActivity(id, activity);
            return markedContacted(rated, activity) ? new RatedLead(profiles.lead(id), rated.profile()) : rated;
        });
    }

    /**
     * {@link #recordActivity} for a caller that does not need the lead back (a touch being logged):
     * the same writes, without reading back the lead a first touch marked contacted.
     */
    public void touched(LeadId id, Activity activity) {
        // part of the touch's own transaction: a failure here fails the touch, so no savepoint
        transactor.joined(() -> markedContacted(foldActivity(id, activity), activity));
    }

    private RatedLead foldActivity(LeadId id, Activity activity) {
        return profiles.change(
                id,
                () -> profiles.lead(id),
                profile -> profile.withActivity(profile.activity().mergedWith(activity)));
    }

    /** Moves a new lead to contacted on its first touch; whether it did. */
    private boolean markedContacted(RatedLead rated, Activity activity) {
        // one statement, whatever the version: a first touch racing other writers neither
        // fails nor overwrites what they wrote
        return activity.lastTouchAt() != null
                && rated.lead().fields().status() == LeadStatus.NEW
                && profiles.leads().markContacted(rated.lead().id(), profiles.now());
    }

    /**
     * Re-rates a lead and re-places it in the queue, e.g. after a follow-up was scheduled or done, or
     * its cadence moved it to drip. Part of the caller's transaction, if one is open: a failure fails
     * the change that set it off, so no savepoint.
     */
    public RatedLead refresh(LeadId id) {
        return transactor.joined(() -> profiles.change(id, () -> profiles.lead(id), p -> p));
    }

    /**
     * Re-rates leads whose rating time has caught up with (decay, a need date drawing near, a
     * response deadline passing), each in its own transaction; returns how many it did.
     */
    public int rerateExpired(int limit) {
        List<LeadId> due = profiles.store().ratingsExpiredBy(profiles.now(), limit);
        for (LeadId id : due) {
            transactor.run(() -> profiles.rerate(id));
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
            List<LeadId> batch = profiles.store().openLeadsAfter(after, batchSize);
            transactor.run(() -> batch.forEach(profiles::rerate));
            total += batch.size();
            if (batch.size() < batchSize) {
                break;
            }
            after = batch.get(batch.size() - 1);
        }
        return total;
    }
}
