package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A person's progress through the follow-up cadence.
 *
 * @param nextStep index into the policy's steps of the next step to schedule
 * @param movedToDripAt when the person went to drip; {@code null} when not in drip
 */
public record Cadence(
        PersonRef person,
        CadenceState state,
        int completedFollowUps,
        int nextStep,
        Instant movedToDripAt,
        Instant updatedAt) {
    public Cadence {
        requireNonNull(person, "person is null");
        requireNonNull(state, "state is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    /** Where everyone starts: active, nothing done yet. */
    public static Cadence start(PersonRef person, Instant now) {
        return new Cadence(person, CadenceState.ACTIVE, 0, 0, null, now);
    }

    Cadence with(CadenceState newState, int completed, int step, Instant dripAt, Instant now) {
        return new Cadence(person, newState, completed, step, dripAt, now);
    }
}
