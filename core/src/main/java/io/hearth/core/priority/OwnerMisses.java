package io.hearth.core.priority;

/**
 * One rep's missed speed-to-lead deadlines in a period.
 *
 * @param owner the rep who owned the leads when their deadlines passed; {@code null} for leads nobody owned
 * @param unanswered of those, how many still wait for their first touch
 */
public record OwnerMisses(String owner, int missed, int unanswered) {}
