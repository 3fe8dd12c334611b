package io.hearth.core.person;

/** Where a person stands in the follow-up cadence. */
public enum CadenceState {
    /** Worked by hand, step by step: its next step is due (or none is scheduled yet). */
    ACTIVE,
    /**
     * Active, its next step scheduled for later: nothing to do until then. Never stored: a
     * cadence is stored ACTIVE, and reads as WAITING while its open follow-up is not due yet.
     */
    WAITING,
    /** A positive reply or a booked meeting ended the cadence. */
    STOPPED,
    /** The follow-up limit was reached without a positive outcome: kept and nurtured, not worked by hand. */
    DRIP,
    /** Asked not to be contacted again: no touch may be logged. */
    UNSUBSCRIBED
}
