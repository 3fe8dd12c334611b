package io.hearth.core.touch;

import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.query.Page;

/** Where touches are kept. Calls join the caller's transaction when one is open. */
public interface TouchStore {
    void insert(Touch touch);

    Page<Touch> list(TouchQuery query);

    /**
     * Gives every touch of {@code lead} to {@code contact}, which the lead converted or was merged
     * into; the touches keep the lead too. @return how many
     */
    int carryOver(LeadId lead, ContactId contact);
}
