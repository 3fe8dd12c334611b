package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.Violations;
import io.hearth.core.lead.Temperature;
import io.hearth.core.person.LeadId;
import io.hearth.core.priority.TemperatureOverride;
import io.hearth.core.resource.ControlCharacters;

/**
 * A rep's own grade pinned over the model's, with the reason shown beside it: the queue ranks the
 * lead by the pin until it is cleared, while the model's rating is still kept and shown.
 */
public final class TemperatureOverrides {
    private final LeadProfiles profiles;
    private final Transactor transactor;

    private final AuditLog audit;

    public TemperatureOverrides(LeadRatings ratings) {
        this(ratings, AuditLog.disabled());
    }

    /** @param audit where each pin and unpin is recorded, in its transaction */
    public TemperatureOverrides(LeadRatings ratings, AuditLog audit) {
        this.audit = java.util.Objects.requireNonNull(audit, "audit is null");
        requireNonNull(ratings, "ratings is null");
        this.profiles = ratings.profiles();
        this.transactor = ratings.transactor();
    }

    /**
     * Pins the rep's own grade, with the reason shown beside it ({@link TemperatureOverride#checkReason});
     * {@code grade == null} clears the pin.
     *
     * @param by who set it; blank for nobody named
     */
    public RatedLead override(LeadId id, Temperature grade, String reason, String by) {
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
                grade == null ? null : new TemperatureOverride(grade, reason.strip(), setBy, profiles.now());
        return transactor.inTransaction(() -> profiles.change(id, () -> profiles.workableLead(id), profile -> {
            audit.record(id.name(), "override temperature", profile.override(), override);
            return profile.withOverride(override);
        }));
    }
}
