package io.hearth.core.contact;

/**
 * How a contact entered. People in the target market normally start as leads; a prospect entered
 * directly is allowed but recorded as {@link #DIRECT} so the shortcut stays visible.
 */
public enum ContactOrigin {
    DIRECT,
    CONVERTED_LEAD
}
