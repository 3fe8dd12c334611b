package io.hearth.core.person;

/** Whom a queue entry is about. */
public enum PersonKind {
    LEAD,
    CONTACT
}
