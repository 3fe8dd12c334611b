package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.PersonRef;
import io.hearth.core.priority.Activity;
import io.hearth.core.touch.Outcome;
import io.hearth.core.touch.Touch;
import io.hearth.core.touch.TouchObserver;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Feeds touches on leads into the lead's rating, so the first logged touch is the lead's response
 * time (speed to lead) and conversations and positive replies warm the lead up; and re-places a
 * lead in the work queue when its follow-up plan changes.
 */
public final class LeadActivityRecorder implements TouchObserver {
    /** Outcomes where the rep actually spoke or wrote with the person. */
    private static final Set<Outcome> CONVERSATIONS = EnumSet.of(
            Outcome.CONNECTED,
            Outcome.REPLIED_POSITIVE,
            Outcome.REPLIED_NEGATIVE,
            Outcome.MEETING_BOOKED,
            Outcome.NOT_INTERESTED);

    private final LeadRatings ratings;

    public LeadActivityRecorder(LeadRatings ratings) {
        this.ratings = requireNonNull(ratings, "ratings is null");
    }

    @Override
    public void logged(Touch touch) {
        if (touch.person().isLead()) {
            ratings.touched(touch.person().leadId(), activityOf(touch));
        }
    }

    @Override
    public void planChanged(PersonRef person) {
        // a lead waits in the queue for its scheduled follow-up, and leaves it for drip
        if (person.isLead()) {
            ratings.refresh(person.leadId());
        }
    }

    static Activity activityOf(Touch touch) {
        Instant at = touch.occurredAt();
        return new Activity(
                at,
                at,
                CONVERSATIONS.contains(touch.outcome()) ? at : null,
                touch.outcome().isPositive() ? at : null,
                null);
    }
}
