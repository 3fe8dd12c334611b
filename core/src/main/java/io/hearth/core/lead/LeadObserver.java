package io.hearth.core.lead;

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
}
