package io.hearth.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.core.person.PersonKind;
import io.hearth.core.person.PersonRef;
import io.hearth.core.priority.Activity;
import io.hearth.core.touch.Channel;
import io.hearth.core.touch.Outcome;
import io.hearth.core.touch.Touch;
import io.hearth.core.touch.TouchKind;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LeadActivityRecorderTest {
    private static final Instant AT = Instant.parse("2026-11-02T09:00:00Z");

    @Test
    void unansweredCallIsATouchButNoConversation() {
        assertThat(LeadActivityRecorder.activityOf(touch(Outcome.NO_ANSWER)))
                .isEqualTo(new Activity(AT, AT, null, null, null));
    }

    @Test
    void connectedCallIsAConversationAndABookedMeetingIsPositive() {
        assertThat(LeadActivityRecorder.activityOf(touch(Outcome.CONNECTED)))
                .isEqualTo(new Activity(AT, AT, AT, null, null));
        assertThat(LeadActivityRecorder.activityOf(touch(Outcome.MEETING_BOOKED)))
                .isEqualTo(new Activity(AT, AT, AT, AT, null));
    }

    private static Touch touch(Outcome outcome) {
        return new Touch(
                UUID.randomUUID(),
                new PersonRef(PersonKind.LEAD, UUID.randomUUID()),
                null,
                TouchKind.COLD_CALL,
                Channel.PHONE,
                AT,
                Duration.ZERO,
                outcome,
                null,
                "alice",
                null,
                "alice",
                null,
                AT);
    }
}
