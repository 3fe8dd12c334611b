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

    /** When {@code contact} was last touched at all, and last touched for one of its deals. */
    LastTouches lastTouches(ContactId contact);

    /**
     * @param any the latest touch of the contact (its lead's included), or {@code null}
     * @param forDeal the latest touch logged against one of its deals, or {@code null}
     */
    record LastTouches(java.time.Instant any, java.time.Instant forDeal) {
        public static final LastTouches NONE = new LastTouches(null, null);
    }
}
