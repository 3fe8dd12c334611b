package io.hearth.core.lead;

import java.util.List;

/**
 * A step of every lead write, by hand or by a sync, run by the lead use case inside the write's
 * transaction: it keeps what derives from the lead (its rating, its place in the work queue) in
 * step, so nothing derived is ever stale or half-written. It is part of the write, not a listener:
 * it may change what is kept on the lead itself (the temperature it re-derives) and hands back the
 * lead as it now stands, which the use case returns.
 */
public interface LeadWriteStep {
    /**
     * Called after {@code lead} was written, in the same transaction.
     *
     * @param repGrade what this write did to the rep's own temperature for the lead
     * @return the lead as it now stands (its temperature may have been recomputed)
     */
    Lead written(Lead lead, RepGrade repGrade);

    /**
     * Called after a create inserted {@code lead}, in the same transaction, in place of {@link
     * #written}: a lead made this instant has nothing derived from it yet (no profile, no cadence,
     * no queue entry), so a step may write what it derives without reading first.
     *
     * @return the lead as it now stands
     */
    default Lead created(Lead lead, RepGrade repGrade) {
        return written(lead, repGrade);
    }

    /**
     * Called before a create inserts {@code lead}, in the same transaction, so that what the step
     * keeps on the lead itself (its temperature) goes in with the insert instead of an update right
     * after it. {@link #created} follows the insert as before.
     *
     * @return the lead to insert
     */
    default Lead creating(Lead lead, RepGrade repGrade) {
        return lead;
    }

    /**
     * Called before a sync inserts a new lead, so that what the step derives and keeps on the
     * lead itself (its temperature) goes in with the insert instead of updating every row just
     * inserted.
     *
     * @return the lead to insert
     */
    default Lead inserting(SyncedLead lead) {
        return lead.lead();
    }

    /**
     * Called after a sync wrote {@code leads} as one batch, in the batch's transaction. Steps
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
