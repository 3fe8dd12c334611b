package io.hearth.core.touch;

import io.hearth.core.lead.Lead;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.Scope;
import java.util.Optional;

/**
 * A lead as the API shows one alone: its row and tags, its cadence and its open follow-up step, in
 * one read. Two reads (the lead's, then its cadence's) cost PostgreSQL two round trips per {@code
 * GetLead}, each of which costs more than the database's work on it.
 */
public interface ShownLeadStore {
    /**
     * The lead if it is in {@code scope}, as {@code LeadStore.find(LeadId, Scope)} gives it, with
     * what {@link CadenceStore#findWithOpenStep} gives for it.
     */
    Optional<ShownLead> findShown(LeadId id, Scope scope);

    record ShownLead(Lead lead, CadenceStore.Stored cadence) {}
}
