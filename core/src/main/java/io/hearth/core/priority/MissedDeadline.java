package io.hearth.core.priority;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.LeadId;
import io.hearth.core.person.LeadSource;
import java.time.Duration;
import java.time.Instant;

/**
 * An inbound lead whose speed-to-lead deadline passed before its first touch.
 *
 * @param displayName the lead's name as shown now
 * @param owner the rep who owned the lead when the miss was recorded, or {@code null}
 * @param recordedAt when Hearth noticed (at most a refresh period after the deadline, or at the late touch)
 * @param respondedAt the late first touch, or {@code null} while the lead still waits for it
 */
public record MissedDeadline(
        LeadId leadId,
        String displayName,
        String owner,
        LeadSource source,
        Instant arrivedAt,
        Instant deadline,
        Instant recordedAt,
        Instant respondedAt) {

    public MissedDeadline {
        requireNonNull(leadId, "leadId is null");
        requireNonNull(displayName, "displayName is null");
        requireNonNull(source, "source is null");
        requireNonNull(arrivedAt, "arrivedAt is null");
        requireNonNull(deadline, "deadline is null");
        requireNonNull(recordedAt, "recordedAt is null");
    }

    public boolean answered() {
        return respondedAt != null;
    }

    /**
     * How late the first touch came, or, while it has not, how late it is at {@code now} (never
     * negative, should this server's clock lag the one that recorded the miss).
     */
    public Duration lateBy(Instant now) {
        Duration late = Duration.between(deadline, answered() ? respondedAt : now);
        return late.isNegative() ? Duration.ZERO : late;
    }
}
