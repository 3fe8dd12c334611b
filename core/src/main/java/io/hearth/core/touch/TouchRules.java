package io.hearth.core.touch;

import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.person.CadenceState;
import io.hearth.core.person.ContactId;

/** Who may be touched, and how: the rules of domain brief section 5, in words a rep understands. */
public final class TouchRules {
    /** Rejects a touch the person must not get; {@code cadence} is the person's current cadence. */
    public void check(Person person, TouchKind kind, Cadence cadence) {
        String name = person.ref().name();
        if (person.converted()) {
            throw new FailedPreconditionException(
                    ErrorReason.LEAD_CONVERTED,
                    name + " was converted to " + new ContactId(person.ref().id()).name()
                            + "; log touches on the contact");
        }
        if (person.archived()) {
            throw new FailedPreconditionException(
                    ErrorReason.PERSON_ARCHIVED, name + " is archived; restore it before " + "contacting them");
        }
        if (cadence.state() == CadenceState.UNSUBSCRIBED) {
            throw new FailedPreconditionException(
                    ErrorReason.PERSON_UNSUBSCRIBED, name + " unsubscribed; do not contact " + "them again");
        }
        if (kind == TouchKind.COLD_CALL && !person.ref().isLead()) {
            throw new FailedPreconditionException(
                    ErrorReason.COLD_CALL_TO_CONTACT,
                    name + " is a contact, not a lead: " + "contacts get follow-ups or touch-bases, never cold calls");
        }
        if (kind == TouchKind.FOLLOW_UP && person.ref().isLead()) {
            throw new FailedPreconditionException(
                    ErrorReason.FOLLOW_UP_TO_LEAD,
                    name + " is a lead: log a cold call or a "
                            + "touch-base; follow-ups are for contacts who have shown interest");
        }
    }
}
