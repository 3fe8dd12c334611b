package io.hearth.core.queue;

/** Whom a queue entry is about. */
public enum PersonKind {
    LEAD,
    CONTACT
}
