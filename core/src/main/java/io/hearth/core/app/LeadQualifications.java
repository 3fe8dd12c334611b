package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.StaleEtagException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.person.LeadId;
import io.hearth.core.priority.Qualification;
import io.hearth.core.priority.QualificationField;
import io.hearth.core.priority.QualificationInput;
import io.hearth.core.resource.ControlCharacters;
import io.hearth.core.resource.Etags;
import io.hearth.core.resource.UpdateMask;
import java.util.List;
import java.util.Set;

/**
 * What a rep learned about a lead (budget, authority, need, timescale, referral, need date, lead
 * level), recorded on its profile and rated at once. All four BANT answers yes makes an open lead
 * qualified. A qualification sent with a stale etag is refused; concurrent writers otherwise never
 * lose each other's work ({@link LeadProfiles}).
 */
public final class LeadQualifications {
    /** The request field of a qualification, under which its parts are named. */
    private static final String QUALIFICATION = "qualification";

    private final LeadProfiles profiles;
    private final Transactor transactor;

    private final AuditLog audit;

    public LeadQualifications(LeadRatings ratings) {
        this(ratings, AuditLog.disabled());
    }

    /** @param audit where each change of a qualification is recorded, in its transaction */
    public LeadQualifications(LeadRatings ratings, AuditLog audit) {
        this.audit = java.util.Objects.requireNonNull(audit, "audit is null");
        requireNonNull(ratings, "ratings is null");
        this.profiles = ratings.profiles();
        this.transactor = ratings.transactor();
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
    public RatedLead qualify(
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
    public RatedLead qualify(LeadId id, Qualification changes, Set<QualificationField> mask, String etag) {
        if (mask.isEmpty()) {
            throw InvalidArgumentException.of("update_mask", "names no qualification field to update");
        }
        if (mask.contains(QualificationField.NOTE) && ControlCharacters.textProblem(changes.note()) != null) {
            throw InvalidArgumentException.of("qualification.note", ControlCharacters.textProblem(changes.note()));
        }
        String expected = Etags.sent(etag);
        return transactor.inTransaction(() -> {
            RatedLead rated = profiles.change(id, () -> profiles.workableLead(id), profile -> {
                if (expected != null && !expected.equals(profile.qualificationEtag())) {
                    throw StaleEtagException.sent(
                            "the qualification of " + id.name(), expected, profile.qualificationEtag());
                }
                Qualification next = QualificationField.apply(profile.qualification(), changes, mask);
                audit.record(id.name(), "qualify", profile.qualification(), next);
                return profile.withQualification(next);
            });
            LeadStatus status = rated.lead().fields().status();
            if (rated.profile().qualification().bant().qualified()
                    && (status == LeadStatus.NEW || status == LeadStatus.CONTACTED)) {
                return new RatedLead(markQualified(rated.lead()), rated.profile());
            }
            return rated;
        });
    }

    private Lead markQualified(Lead lead) {
        Lead qualified = lead.rewritten(
                lead.fields().toBuilder().status(LeadStatus.QUALIFIED).build(), profiles.now(), lead.version() + 1);
        if (!profiles.leads().update(qualified, lead.version())) {
            throw StaleEtagException.concurrent(lead.id().name());
        }
        return qualified;
    }
}
