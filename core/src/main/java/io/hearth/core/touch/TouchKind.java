package io.hearth.core.touch;

/** Cold calls go only to leads, follow-ups only to contacts, touch-bases to both. */
public enum TouchKind {
    COLD_CALL,
    FOLLOW_UP,
    TOUCH_BASE
}
