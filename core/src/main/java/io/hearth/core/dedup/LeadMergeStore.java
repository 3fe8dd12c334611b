package io.hearth.core.dedup;

import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;

/** Moves what hangs off a lead to the lead it is merged into. Calls join the caller's transaction. */
public interface LeadMergeStore {
    /** @return how many touches moved */
    int moveTouches(LeadId from, LeadId to);

    /** Every follow-up of {@code from}, open or closed; @return how many moved */
    int moveFollowUps(LeadId from, LeadId to);

    /** The connectors' links to {@code from}, so the next sync updates {@code to}; @return how many moved */
    int moveExternalIds(LeadId from, LeadId to);

    /** The connectors' links to the lead, so the next sync updates the contact; @return how many moved */
    int moveExternalIds(LeadId from, ContactId to);
}
