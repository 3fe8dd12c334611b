package io.hearth.core.touch;

/** The life of a planned follow-up. */
public enum FollowUpState {
    SCHEDULED,
    COMPLETED,
    SKIPPED,
    /** Closed by the system: the cadence stopped (positive outcome, conversion, unsubscribe). */
    CANCELLED
}
