package io.hearth.core.priority;

import static java.util.Objects.requireNonNull;

import io.hearth.core.lead.Temperature;

/** A lead whose story ended: won (converted into a contact) or lost (unqualified). */
public record ClosedLead(LeadSignals signals, Temperature grade, boolean won) {
    public ClosedLead {
        requireNonNull(signals, "signals is null");
        requireNonNull(grade, "grade is null");
    }
}
