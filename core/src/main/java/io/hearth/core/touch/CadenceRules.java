package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.queue.PersonKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/** How outcomes move a person through the cadence. Plain rules: no storage, no clock of their own. */
public final class CadenceRules {
    private final CadencePolicy policy;

    public CadenceRules(CadencePolicy policy) {
        this.policy = requireNonNull(policy, "policy is null");
    }

    public CadencePolicy policy() {
        return policy;
    }

    /**
     * After a completed follow-up: a positive outcome stops the cadence, an unsubscribe ends it, and
     * otherwise the count goes up and the person moves to drip once the limit is reached.
     */
    public Cadence afterFollowUp(Cadence cadence, Outcome outcome, Instant now) {
        int completed = cadence.completedFollowUps() + 1;
        int nextStep = cadence.nextStep() + 1;
        if (outcome.isPositive()) {
            return cadence.with(CadenceState.STOPPED, completed, nextStep, null, now);
        }
        if (outcome == Outcome.UNSUBSCRIBED) {
            return cadence.with(CadenceState.UNSUBSCRIBED, completed, nextStep, null, now);
        }
        if (completed >= policy.limitFor(cadence.person().kind())) {
            return cadence.with(CadenceState.DRIP, completed, nextStep, now, now);
        }
        return cadence.with(cadence.state(), completed, nextStep, null, now);
    }

    /** After a touch outside the cadence: only a positive outcome or an unsubscribe changes anything. */
    public Cadence afterTouch(Cadence cadence, Outcome outcome, Instant now) {
        if (outcome.isPositive()) {
            return cadence.with(CadenceState.STOPPED, cadence.completedFollowUps(), cadence.nextStep(), null, now);
        }
        if (outcome == Outcome.UNSUBSCRIBED) {
            return cadence.with(CadenceState.UNSUBSCRIBED, cadence.completedFollowUps(), cadence.nextStep(), null, now);
        }
        return cadence;
    }

    /** After a skipped step: the next step comes up, the count stays. */
    public Cadence afterSkip(Cadence cadence, Instant now) {
        return cadence.with(cadence.state(), cadence.completedFollowUps(), cadence.nextStep() + 1, null, now);
    }

    /**
     * The follow-up that carries out the cadence's next step for {@code person}. Without a channel or
     * due time, the step decides them; without a purpose, the step's place in the cadence is the purpose.
     */
    public FollowUp nextFollowUp(
            UUID id, Person person, Cadence cadence, Instant now, Channel channel, Instant dueAt, String purpose) {
        CadenceStep step = policy.step(cadence.nextStep(), person.ref().kind(), person.temperature());
        int number = cadence.completedFollowUps() + 1;
        Channel chosen = channel != null ? channel : step.channel();
        String why = purpose != null
                ? purpose
                : defaultPurpose(number, policy.limitFor(person.ref().kind()), chosen);
        return new FollowUp(
                id,
                person.ref(),
                number,
                cadence.nextStep(),
                chosen,
                dueAt != null ? dueAt.truncatedTo(ChronoUnit.MICROS) : now.plus(step.delay()),
                why,
                person.owner(),
                FollowUpState.SCHEDULED,
                null,
                now,
                null);
    }

    /** The purpose of a follow-up nobody gave one: its place in the cadence. */
    static String defaultPurpose(int number, int limit, Channel channel) {
        return "follow-up " + number + " of " + limit + ": " + channelWord(channel);
    }

    /** {@code direct mail}, {@code video call}: the channel as a rep reads it. */
    static String channelWord(Channel channel) {
        return channel.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Whether another follow-up may be scheduled; the reason a rep reads when not. */
    public void checkSchedulable(Cadence cadence, String personName) {
        switch (cadence.state()) {
            case ACTIVE -> {
                if (cadence.completedFollowUps()
                        >= policy.limitFor(cadence.person().kind())) {
                    throw new FailedPreconditionException(
                            "FOLLOW_UP_LIMIT_REACHED",
                            personName + " already had " + cadence.completedFollowUps()
                                    + " follow-ups, the limit for a "
                                    + kindWord(cadence.person().kind()) + "; it is nurtured by the drip campaign now");
                }
            }
            case DRIP ->
                throw new FailedPreconditionException(
                        "PERSON_IN_DRIP",
                        personName + " is in the drip campaign after " + cadence.completedFollowUps()
                                + " follow-ups without a positive reply; it is not worked by hand");
            case STOPPED ->
                throw new FailedPreconditionException(
                        "CADENCE_STOPPED",
                        personName + " already replied positively or booked a meeting; its cadence is over");
            case UNSUBSCRIBED ->
                throw new FailedPreconditionException(
                        "PERSON_UNSUBSCRIBED", personName + " unsubscribed; do not contact them again");
        }
    }

    static String kindWord(PersonKind kind) {
        return kind == PersonKind.LEAD ? "lead" : "contact";
    }
}
