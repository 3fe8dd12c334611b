package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.lead.Lead;
import io.hearth.core.priority.LeadProfile;
import io.hearth.core.priority.MissedDeadline;
import io.hearth.core.priority.MissedDeadlineStore;
import io.hearth.core.priority.SpeedToLeadPolicy;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps a lead's missed-deadline record in line with the speed-to-lead rule: recorded once the
 * deadline passed before the first touch, given the late touch when it comes, withdrawn if a touch
 * logged afterwards turns out to have been in time. Runs under the profile's row version, so of two
 * servers noticing one miss, only one gets this far.
 */
final class SpeedToLeadRecorder {
    private final MissedDeadlineStore missedDeadlines;
    private final SpeedToLeadPolicy speedToLead;

    SpeedToLeadRecorder(MissedDeadlineStore missedDeadlines, SpeedToLeadPolicy speedToLead) {
        this.missedDeadlines = requireNonNull(missedDeadlines, "missedDeadlines is null");
        this.speedToLead = requireNonNull(speedToLead, "speedToLead is null");
    }

    void record(Lead lead, LeadProfile profile, Instant now) {
        Instant deadline = profile.responseDeadline();
        Instant firstTouch = profile.activity().firstTouchAt();
        if (deadline == null || (firstTouch == null && !now.isAfter(deadline))) {
            return;
        }
        boolean missed = speedToLead.missed(deadline, firstTouch, lead.archivedAt(), now);
        Optional<MissedDeadline> recorded = missedDeadlines.find(lead.id());
        if (missed && recorded.isEmpty()) {
            missedDeadlines.insert(new MissedDeadline(
                    lead.id(),
                    lead.displayName(),
                    lead.fields().owner(),
                    lead.fields().source(),
                    lead.createdAt(),
                    deadline,
                    now,
                    firstTouch));
        } else if (missed && !Objects.equals(recorded.get().respondedAt(), firstTouch)) {
            missedDeadlines.setRespondedAt(lead.id(), firstTouch);
        } else if (!missed && recorded.isPresent()) {
            missedDeadlines.delete(lead.id());
        }
    }
}
