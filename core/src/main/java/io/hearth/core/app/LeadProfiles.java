package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.error.StaleEtagException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadStore;
import io.hearth.core.lead.Temperature;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.Scope;
import io.hearth.core.priority.LeadProfile;
import io.hearth.core.priority.LeadProfileStore;
import io.hearth.core.priority.LeadRater;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The one way a lead's profile changes, shared by rating, qualification and override: the change is
 * applied to the stored profile (a new one for a lead without), the lead re-rated, and everything
 * derived from the rating written with it (the lead's temperature, its queue entry, its
 * speed-to-lead record), in the caller's transaction.
 *
 * <p>Every profile write is guarded by the profile's row version. A writer that loses a race
 * reads the profile (and lead) again and re-applies its own change on top, so concurrent writers on
 * several servers never lose each other's work.
 */
final class LeadProfiles {
    /**
     * After the first lost race the row is locked, so the second attempt wins; the third only runs
     * when a concurrent first save created the profile the second attempt could not lock yet.
     */
    private static final int MAX_ATTEMPTS = 3;

    private final LeadStore leads;
    private final LeadProfileStore profiles;
    private final LeadRater rater;
    private final LeadQueuePlacement placement;
    private final SpeedToLeadRecorder speedToLead;
    private final Clock clock;
    private final CurrentCaller caller;

    LeadProfiles(
            LeadStore leads,
            LeadProfileStore profiles,
            LeadRater rater,
            LeadQueuePlacement placement,
            SpeedToLeadRecorder speedToLead,
            Clock clock,
            CurrentCaller caller) {
        this.caller = requireNonNull(caller, "caller is null");
        this.leads = requireNonNull(leads, "leads is null");
        this.profiles = requireNonNull(profiles, "profiles is null");
        this.rater = requireNonNull(rater, "rater is null");
        this.placement = requireNonNull(placement, "placement is null");
        this.speedToLead = requireNonNull(speedToLead, "speedToLead is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    LeadStore leads() {
        return leads;
    }

    LeadProfileStore store() {
        return profiles;
    }

    LeadRater rater() {
        return rater;
    }

    LeadQueuePlacement placement() {
        return placement;
    }

    /**
     * Applies {@code change} to the stored profile and re-rates the lead. The profile is read before
     * the lead: every lead write also writes the profile, so a profile whose version still holds at
     * our write was read with the lead as it is now. The first attempt is optimistic; after a lost
     * race the profile row is locked first, then both are read again and the change re-applied, so a
     * busy lead cannot starve a writer.
     */
    RatedLead change(LeadId id, Supplier<Lead> currentLead, UnaryOperator<LeadProfile> change) {
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) {
                profiles.lock(id);
            }
            Optional<LeadProfile> stored = profiles.find(id);
            Lead lead = currentLead.get();
            LeadProfile profile = stored.orElseGet(() -> rater.newProfile(lead, now()));
            Optional<RatedLead> rated = rerate(lead, change.apply(profile), false);
            if (rated.isPresent()) {
                return rated.get();
            }
            if (attempt == MAX_ATTEMPTS) {
                throw StaleEtagException.concurrent(lead.id().name());
            }
        }
    }

    /**
     * The temperature {@link #changeNew} will give {@code lead} when it is inserted now: a create
     * inserts the lead with it rather than updating the row right after.
     */
    Temperature temperatureOfNew(Lead lead, UnaryOperator<LeadProfile> change) {
        Instant now = now();
        return rater.rated(lead, change.apply(rater.newProfile(lead, now)), now).temperature();
    }

    /**
     * {@link #change} for a lead the caller's transaction has just inserted: it has no profile, no
     * cadence and no queue entry yet, so none is read; its entry goes in as a new lead's. Should a
     * profile be there after all, it goes the general way.
     */
    RatedLead changeNew(Lead lead, UnaryOperator<LeadProfile> change) {
        LeadProfile profile = rater.newProfile(lead, now());
        return rerate(lead, change.apply(profile), true).orElseGet(() -> change(lead.id(), () -> lead, change));
    }

    /** Re-rates a lead with nothing changed but the time and the model. */
    void rerate(LeadId id) {
        change(id, () -> lead(id), p -> p);
    }

    /**
     * Rates the profile afresh and stores it with everything derived from it; empty, having written
     * nothing, when another writer changed the profile since it was read.
     */
    private Optional<RatedLead> rerate(Lead lead, LeadProfile profile, boolean isNew) {
        Instant now = now();
        LeadProfile rated = rater.rated(lead, profile, now);
        if (!profiles.save(rated)) {
            return Optional.empty();
        }
        speedToLead.record(lead, rated, now);
        Lead current = lead;
        if (lead.fields().temperature() != rated.temperature()) {
            leads.setTemperature(lead.id(), rated.temperature());
            current = withTemperature(lead, rated.temperature());
        }
        if (isNew) {
            placement.placeNew(current, rated);
        } else {
            placement.place(current, rated);
        }
        return Optional.of(new RatedLead(current, rated.stored()));
    }

    static Lead withTemperature(Lead lead, Temperature temperature) {
        return lead.rewritten(
                lead.fields().toBuilder().temperature(temperature).build(), lead.updatedAt(), lead.version());
    }

    /**
     * The lead, if the caller may see it: out of scope is not found, as for an id never used. As
     * stored (the scoped read may hide whom it may be a duplicate of), since what is written derives
     * from it.
     */
    Lead lead(LeadId id) {
        Scope scope = caller.scope();
        Lead seen = leads.find(id, scope).orElseThrow(() -> new NotFoundException(id.name()));
        // a caller who sees everyone saw it as stored: reading it again would only repeat the read
        return seen.possibleDuplicateOf() == null && !(scope instanceof Scope.Everyone)
                ? leads.find(id).orElse(seen)
                : seen;
    }

    Lead workableLead(LeadId id) {
        Lead lead = lead(id);
        if (lead.archived()) {
            throw new FailedPreconditionException(
                    ErrorReason.LEAD_ARCHIVED, id.name() + " is archived; restore it first");
        }
        return lead;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
