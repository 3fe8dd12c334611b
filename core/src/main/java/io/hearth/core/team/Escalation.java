package io.hearth.core.team;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.LeadId;
import java.time.Instant;

/**
 * An inbound lead escalated as about to miss its response deadline.
 *
 * @param team the team that sees it, or {@code null} (an unowned lead with no team taking inbound leads)
 * @param owner the rep who owned the lead when it was escalated, or {@code null}
 * @param displayName the lead's name when it was escalated
 * @param settledAt when the deadline passed and Hearth decided whether to reassign it; {@code null} before
 * @param reassignedTo the rep the lead went to then, or {@code null}
 */
public record Escalation(
        LeadId leadId,
        String team,
        String owner,
        String displayName,
        Instant deadline,
        Instant escalatedAt,
        String reason,
        Instant settledAt,
        String reassignedTo) {
    public Escalation {
        requireNonNull(leadId, "leadId is null");
        requireNonNull(displayName, "displayName is null");
        requireNonNull(deadline, "deadline is null");
        requireNonNull(escalatedAt, "escalatedAt is null");
        requireNonNull(reason, "reason is null");
    }

    public boolean reassigned() {
        return reassignedTo != null;
    }
}
