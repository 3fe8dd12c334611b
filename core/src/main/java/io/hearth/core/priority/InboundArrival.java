package io.hearth.core.priority;

import io.hearth.core.lead.LeadStatus;
import java.time.Instant;

/** An inbound lead under a speed-to-lead deadline, as the response report needs it. */
public record InboundArrival(Instant arrivedAt, Instant deadline, Instant firstTouchAt, LeadStatus status) {
    /** Qualified now, or went on to become a contact. */
    public boolean qualified() {
        return status == LeadStatus.QUALIFIED || status == LeadStatus.CONVERTED;
    }
}
