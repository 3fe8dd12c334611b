package io.hearth.core.person;

/** Where a person stands in the follow-up cadence. */
public enum CadenceState {
    /** Worked by hand, step by step. */
    ACTIVE,
    /** A positive reply or a booked meeting ended the cadence. */
    STOPPED,
    /** The follow-up limit was reached without a positive outcome: kept and nurtured, not worked by hand. */
    DRIP,
    /** Asked not to be contacted again: no touch may be logged. */
    UNSUBSCRIBED
}
