package io.hearth.core.dedup;

import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;

/**
 * Moves what hangs off a person merged away (a lead, or a contact) to the person it is merged into.
 * Calls join the caller's transaction.
 */
public interface LeadMergeStore {
    /** @return how many touches moved */
    int moveTouches(LeadId from, LeadId to);

    /** Every follow-up of {@code from}, open or closed; @return how many moved */
    int moveFollowUps(LeadId from, LeadId to);

    /** The connectors' links to {@code from}, so the next sync updates {@code to}; @return how many moved */
    int moveExternalIds(LeadId from, LeadId to);

    /** The connectors' links to the lead, so the next sync updates the contact; @return how many moved */
    int moveExternalIds(LeadId from, ContactId to);

    /**
     * Every touch of contact {@code from}, those from its lead days too (they keep their lead);
     * @return how many moved
     */
    int moveTouches(ContactId from, ContactId to);

    /** Every follow-up of contact {@code from}, open or closed; @return how many moved */
    int moveFollowUps(ContactId from, ContactId to);

    /**
     * Every deal of contact {@code from}, open or closed, now the deal of {@code to}; each moved deal
     * gets a new version (its etag changes) and {@code at} as its update time. @return how many moved
     */
    int moveOpportunities(ContactId from, ContactId to, java.time.Instant at);

    /** The connectors' links to contact {@code from}, so the next sync updates {@code to}; @return how many moved */
    int moveExternalIds(ContactId from, ContactId to);
}
