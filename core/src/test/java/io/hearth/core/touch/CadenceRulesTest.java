package io.hearth.core.touch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.lead.Temperature;
import io.hearth.core.person.CadenceState;
import io.hearth.core.person.PersonKind;
import io.hearth.core.person.PersonRef;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CadenceRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");
    private final CadenceRules rules = new CadenceRules(CadencePolicy.DEFAULT);
    private final PersonRef lead = new PersonRef(PersonKind.LEAD, UUID.randomUUID());
    private final PersonRef contact = new PersonRef(PersonKind.CONTACT, UUID.randomUUID());

    @Test
    void leadMovesToDripAfterTwoUnansweredFollowUps() {
        Cadence first = rules.afterFollowUp(Cadence.start(lead, NOW), Outcome.NO_ANSWER, NOW);
        assertThat(first.state()).isEqualTo(CadenceState.ACTIVE);
        assertThat(first.completedFollowUps()).isEqualTo(1);

        Cadence second = rules.afterFollowUp(first, Outcome.LEFT_VOICEMAIL, NOW);
        assertThat(second.state()).isEqualTo(CadenceState.DRIP);
        assertThat(second.movedToDripAt()).isEqualTo(NOW);
    }

    @Test
    void contactMovesToDripOnlyAfterEight() {
        Cadence cadence = Cadence.start(contact, NOW);
        for (int i = 1; i <= 7; i++) {
            cadence = rules.afterFollowUp(cadence, Outcome.NO_ANSWER, NOW);
            assertThat(cadence.state()).as("after follow-up %d", i).isEqualTo(CadenceState.ACTIVE);
        }
        assertThat(rules.afterFollowUp(cadence, Outcome.CONNECTED, NOW).state()).isEqualTo(CadenceState.DRIP);
    }

    @Test
    void positiveOutcomeStopsTheCadenceAtAnyStep() {
        assertThat(rules.afterFollowUp(Cadence.start(lead, NOW), Outcome.MEETING_BOOKED, NOW)
                        .state())
                .isEqualTo(CadenceState.STOPPED);
        assertThat(rules.afterTouch(Cadence.start(contact, NOW), Outcome.REPLIED_POSITIVE, NOW)
                        .state())
                .isEqualTo(CadenceState.STOPPED);
        assertThat(rules.afterTouch(Cadence.start(contact, NOW), Outcome.CONNECTED, NOW))
                .isEqualTo(Cadence.start(contact, NOW));
        assertThat(rules.afterTouch(Cadence.start(contact, NOW), Outcome.UNSUBSCRIBED, NOW)
                        .state())
                .isEqualTo(CadenceState.UNSUBSCRIBED);
    }

    @Test
    void limitsComeFromThePolicy() {
        CadenceRules strict = new CadenceRules(CadencePolicy.DEFAULT.withLimits(1, 3, false));
        assertThat(strict.afterFollowUp(Cadence.start(lead, NOW), Outcome.NO_ANSWER, NOW)
                        .state())
                .isEqualTo(CadenceState.DRIP);
    }

    @Test
    void defaultSequenceIsCallPostcardEmailAndRepeats() {
        CadencePolicy policy = CadencePolicy.DEFAULT;
        assertThat(policy.step(0, PersonKind.CONTACT, null).channel()).isEqualTo(Channel.PHONE);
        assertThat(policy.step(1, PersonKind.CONTACT, null).channel()).isEqualTo(Channel.POSTCARD);
        assertThat(policy.step(2, PersonKind.CONTACT, null).channel()).isEqualTo(Channel.EMAIL);
        assertThat(policy.step(3, PersonKind.CONTACT, null).channel()).isEqualTo(Channel.PHONE);
        assertThat(policy.step(1, PersonKind.LEAD, Temperature.WARM).channel()).isEqualTo(Channel.POSTCARD);
        assertThat(policy.step(0, PersonKind.LEAD, Temperature.HOT).delay()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void coldLeadGetsThePostcardOnlyAfterTheWarmerChannels() {
        CadencePolicy policy = CadencePolicy.DEFAULT;
        assertThat(policy.step(0, PersonKind.LEAD, Temperature.COLD).channel()).isEqualTo(Channel.PHONE);
        assertThat(policy.step(1, PersonKind.LEAD, Temperature.COLD).channel()).isEqualTo(Channel.EMAIL);
        assertThat(policy.step(2, PersonKind.LEAD, Temperature.COLD).channel()).isEqualTo(Channel.POSTCARD);
    }

    @Test
    void theCadenceSkipsChannelsThePersonCannotBeReachedOnAndSaysSo() {
        Person noPhone = new Person(contact, "alice", null, null, false, false, false, true);
        Person noEmail = new Person(contact, "alice", null, null, false, false, true, false);

        FollowUp first =
                rules.nextFollowUp(UUID.randomUUID(), noPhone, Cadence.start(contact, NOW), NOW, null, null, null);
        assertThat(first.channel()).isEqualTo(Channel.POSTCARD);
        assertThat(first.cadenceStep()).isEqualTo(1);
        assertThat(first.dueAt()).as("in the skipped call's slot").isEqualTo(NOW.plus(Duration.ofDays(2)));
        assertThat(first.purpose()).isEqualTo("follow-up 1 of 8: postcard (no phone number: no call)");

        // the postcard done, the next step is the email after it, not the postcard again
        Cadence afterPostcard = rules.afterFollowUp(Cadence.start(contact, NOW), first, Outcome.NO_ANSWER, NOW);
        FollowUp second = rules.nextFollowUp(UUID.randomUUID(), noPhone, afterPostcard, NOW, null, null, null);
        assertThat(second.channel()).isEqualTo(Channel.EMAIL);
        assertThat(second.cadenceStep()).isEqualTo(2);

        Cadence atEmail = new Cadence(contact, CadenceState.ACTIVE, 2, 2, null, NOW);
        FollowUp call = rules.nextFollowUp(UUID.randomUUID(), noEmail, atEmail, NOW, null, null, "price list");
        assertThat(call.channel()).isEqualTo(Channel.PHONE);
        assertThat(call.cadenceStep()).isEqualTo(3);
        assertThat(call.purpose()).isEqualTo("price list (no email address: no email)");
        Cadence skipped = rules.afterSkip(atEmail, call, NOW);
        assertThat(rules.nextFollowUp(UUID.randomUUID(), noEmail, skipped, NOW, null, null, null)
                        .channel())
                .isEqualTo(Channel.POSTCARD);

        // a channel the rep chose is theirs to choose
        assertThat(rules.nextFollowUp(
                                UUID.randomUUID(), noPhone, Cadence.start(contact, NOW), NOW, Channel.PHONE, null, null)
                        .channel())
                .isEqualTo(Channel.PHONE);
    }

    @Test
    void dripStoppedAndExhaustedCadencesCannotBeScheduled() {
        Cadence drip = new Cadence(lead, CadenceState.DRIP, 2, 2, NOW, NOW);
        assertReason(() -> rules.checkSchedulable(drip, "leads/x"), "PERSON_IN_DRIP");
        assertReason(
                () -> rules.checkSchedulable(new Cadence(lead, CadenceState.STOPPED, 1, 1, null, NOW), "x"),
                "CADENCE_STOPPED");
        assertReason(
                () -> rules.checkSchedulable(new Cadence(lead, CadenceState.ACTIVE, 2, 2, null, NOW), "x"),
                "FOLLOW_UP_LIMIT_REACHED");
        rules.checkSchedulable(new Cadence(contact, CadenceState.ACTIVE, 2, 2, null, NOW), "x");
    }

    @Test
    void policyRejectsNonsense() {
        assertThatThrownBy(() -> CadencePolicy.DEFAULT.withLimits(0, 8, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static void assertReason(Runnable call, String reason) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        FailedPreconditionException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
