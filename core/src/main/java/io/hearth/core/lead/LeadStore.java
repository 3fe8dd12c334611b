package io.hearth.core.lead;

import io.hearth.core.person.LeadId;
import io.hearth.core.person.Scope;
import io.hearth.core.query.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Where leads are kept. Calls join the caller's transaction when one is open. */
public interface LeadStore {
    /**
     * Stores a new lead; {@code createRequestId} may be {@code null}.
     *
     * @return false when another lead already carries {@code createRequestId}
     */
    boolean insert(Lead lead, String createRequestId);

    /** Stores many new leads in one batch. */
    void insertAll(Collection<Lead> leads);

    Optional<Lead> find(LeadId id);

    /** The lead if it is in {@code scope}: the scope is a condition of the query, not a check after it. */
    Optional<Lead> find(LeadId id, Scope scope);

    /**
     * Clears the lead's {@link Lead#possibleDuplicateOf()} if it still names {@code person} (a merge
     * of that person into it resolved it). {@link #update} never clears it, since a scoped read hides
     * a person the caller may not see.
     *
     * @return whether it was cleared
     */
    boolean clearPossibleDuplicateOf(LeadId id, String person);

    /**
     * The lead with {@link Lead#possibleDuplicateOf()} kept only when {@code scope} may see the
     * person it names, as {@link #find(LeadId, Scope)} and {@link #list} give it.
     */
    Lead shown(Lead lead, Scope scope);

    Optional<Lead> findByCreateRequestId(String createRequestId);

    /**
     * Writes {@code lead} over the stored row if that row is still at {@code expectedVersion}.
     *
     * @return false when the row moved on (someone else wrote it first)
     */
    default boolean update(Lead lead, long expectedVersion) {
        return update(lead, expectedVersion, true);
    }

    /**
     * {@link #update(Lead, long)}, leaving the stored tags as they are when {@code tagsChanged} is
     * false (the caller knows they equal the lead's).
     */
    boolean update(Lead lead, long expectedVersion, boolean tagsChanged);

    /**
     * Moves the lead from {@link LeadStatus#NEW} to {@link LeadStatus#CONTACTED} as one statement,
     * whatever its version (a new version, so etags move): a first touch racing other writers
     * neither fails nor overwrites them.
     *
     * @return false when the lead was not new (nothing written)
     */
    boolean markContacted(LeadId id, Instant now);

    Page<Lead> list(LeadQuery query);

    /**
     * Sets the grade the lead is shown and filtered with, as derived by the temperature model; a
     * derived value, so neither the version nor the update time moves.
     */
    void setTemperature(LeadId id, Temperature temperature);

    /** {@link #setTemperature} for many leads at once. */
    void setTemperatures(Map<LeadId, Temperature> temperatures);
}
