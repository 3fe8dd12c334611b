package io.hearth.core.team;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.LeadId;
import io.hearth.core.person.LeadSource;
import java.time.Instant;

/** An open inbound lead still waiting for its first touch, as escalation and assignment need it. */
public record WaitingLead(LeadId leadId, String owner, String displayName, LeadSource source, Instant deadline) {
    public WaitingLead {
        requireNonNull(leadId, "leadId is null");
        requireNonNull(displayName, "displayName is null");
        requireNonNull(source, "source is null");
        requireNonNull(deadline, "deadline is null");
    }
}
