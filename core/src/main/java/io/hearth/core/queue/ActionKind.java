package io.hearth.core.queue;

/** What kind of touch the queue suggests: cold calls go to leads, follow-ups to contacts, touch-bases to both. */
public enum ActionKind {
    COLD_CALL,
    FOLLOW_UP,
    TOUCH_BASE
}
