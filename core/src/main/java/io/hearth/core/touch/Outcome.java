package io.hearth.core.touch;

/** What came of a touch. */
public enum Outcome {
    NO_ANSWER,
    LEFT_VOICEMAIL,
    CONNECTED,
    REPLIED_POSITIVE,
    REPLIED_NEGATIVE,
    MEETING_BOOKED,
    NOT_INTERESTED,
    BOUNCED,
    WRONG_CONTACT,
    UNSUBSCRIBED;

    /**
     * Real interest: it stops the cadence and turns a lead into a contact. A plain connected call is
     * not enough.
     */
    public boolean isPositive() {
        return this == REPLIED_POSITIVE || this == MEETING_BOOKED;
    }
}
