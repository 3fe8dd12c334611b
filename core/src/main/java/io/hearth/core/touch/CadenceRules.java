package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.person.CadenceState;
import io.hearth.core.person.PersonKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** How outcomes move a person through the cadence. Plain rules: no storage, no clock of their own. */
public final class CadenceRules {
    /** The longest purpose a follow-up keeps. */
    public static final int MAX_PURPOSE = 500;

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

    /**
     * After {@code done}, a completed follow-up: as {@link #afterFollowUp(Cadence, Outcome, Instant)},
     * with the next step after the one {@code done} carried out (the cadence may have skipped steps
     * to reach it).
     */
    public Cadence afterFollowUp(Cadence cadence, FollowUp done, Outcome outcome, Instant now) {
        return afterFollowUp(past(cadence, done), outcome, now);
    }

    /** After {@code skipped}: as {@link #afterSkip(Cadence, Instant)}, past the step it carried out. */
    public Cadence afterSkip(Cadence cadence, FollowUp skipped, Instant now) {
        return afterSkip(past(cadence, skipped), now);
    }

    /** The cadence standing at the step {@code followUp} carried out, if the cadence had not got there. */
    private static Cadence past(Cadence cadence, FollowUp followUp) {
        return followUp.cadenceStep() > cadence.nextStep()
                ? cadence.with(
                        cadence.state(),
                        cadence.completedFollowUps(),
                        followUp.cadenceStep(),
                        cadence.movedToDripAt(),
                        cadence.updatedAt())
                : cadence;
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
     * due time, the step decides them; without a purpose, the step's place in the cadence is the
     * purpose. A step on a channel the person cannot be reached on (no phone number: no call; no
     * email address: no email) is skipped for the next one that can reach them, in the skipped
     * step's time slot, and the purpose says what was skipped and why. When no step can reach them,
     * the step stands as it is.
     */
    public FollowUp nextFollowUp(
            UUID id, Person person, Cadence cadence, Instant now, Channel channel, Instant dueAt, String purpose) {
        PersonKind kind = person.ref().kind();
        CadenceStep step = policy.step(cadence.nextStep(), kind, person.temperature());
        int stepIndex = cadence.nextStep();
        List<String> skipped = new ArrayList<>();
        if (channel == null) {
            int size = policy.sequenceFor(kind, person.temperature()).size();
            for (int k = 0; k < size; k++) {
                Channel candidate = policy.step(cadence.nextStep() + k, kind, person.temperature())
                        .channel();
                Optional<String> why = person.unreachableOn(candidate);
                if (why.isEmpty()) {
                    stepIndex = cadence.nextStep() + k;
                    break;
                }
                if (!skipped.contains(why.get())) {
                    skipped.add(why.get());
                }
            }
            if (stepIndex == cadence.nextStep()
                    && !skipped.isEmpty()
                    && person.unreachableOn(step.channel()).isPresent()) {
                skipped.clear(); // nothing reaches them: the step stands
            }
        }
        int number = cadence.completedFollowUps() + 1;
        Channel chosen = channel != null
                ? channel
                : policy.step(stepIndex, kind, person.temperature()).channel();
        String why = purpose != null ? purpose : defaultPurpose(number, policy.limitFor(kind), chosen);
        if (!skipped.isEmpty()) {
            String note = " (" + String.join("; ", skipped) + ")";
            if (why.length() + note.length() > MAX_PURPOSE) {
                // the note matters more than the end of a long purpose the rep can still read
                why = why.substring(0, MAX_PURPOSE - note.length() - 1) + "…";
            }
            why = why + note;
        }
        return new FollowUp(
                id,
                person.ref(),
                number,
                stepIndex,
                chosen,
                dueAt != null ? dueAt.truncatedTo(ChronoUnit.MICROS) : now.plus(step.delay()),
                why,
                person.owner(),
                FollowUpState.SCHEDULED,
                null,
                now,
                null,
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
                            ErrorReason.FOLLOW_UP_LIMIT_REACHED,
                            personName + " already had " + cadence.completedFollowUps()
                                    + " follow-ups, the limit for a "
                                    + kindWord(cadence.person().kind()) + "; it is nurtured by the drip campaign now");
                }
            }
            case DRIP ->
                throw new FailedPreconditionException(
                        ErrorReason.PERSON_IN_DRIP,
                        personName + " is in the drip campaign after " + cadence.completedFollowUps()
                                + " follow-ups without a positive reply; it is not worked by hand");
            case STOPPED ->
                throw new FailedPreconditionException(
                        ErrorReason.CADENCE_STOPPED,
                        personName + " already replied positively or booked a meeting; its cadence is over");
            case UNSUBSCRIBED ->
                throw new FailedPreconditionException(
                        ErrorReason.PERSON_UNSUBSCRIBED, personName + " unsubscribed; do not contact them again");
        }
    }

    static String kindWord(PersonKind kind) {
        return kind == PersonKind.LEAD ? "lead" : "contact";
    }
}
