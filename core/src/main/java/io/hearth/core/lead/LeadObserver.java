package io.hearth.core.lead;

import java.util.List;

/**
 * Keeps what derives from a lead (its rating, its place in the work queue) in step with every
 * write, inside the write's transaction, so nothing derived is ever stale or half-written.
 */
public interface LeadObserver {
    /**
     * Called after {@code lead} was written, in the same transaction.
     *
     * @param repGrade what this write did to the rep's own temperature for the lead
     * @return the lead as it now stands (its temperature may have been recomputed)
     */
    Lead written(Lead lead, RepGrade repGrade);

    /**
     * Called before a sync inserts a new lead, so that what the observer derives and keeps on the
     * lead itself (its temperature) goes in with the insert instead of updating every row just
     * inserted.
     *
     * @return the lead to insert
     */
    default Lead inserting(SyncedLead lead) {
        return lead.lead();
    }

    /**
     * Called after a sync wrote {@code leads} as one batch, in the batch's transaction. Observers
     * that can do better than one {@link #written} per lead (one statement per table for the
     * batch) override it.
     *
     * @return the leads as they now stand, in the same order
     */
    default List<Lead> synced(List<SyncedLead> leads) {
        return leads.stream()
                .map(synced -> written(synced.lead(), RepGrade.UNCHANGED))
                .toList();
    }
}
