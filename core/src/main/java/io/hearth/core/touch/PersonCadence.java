package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

/**
 * Where a lead or contact stands in its follow-up cadence, as its own record shows it: the
 * cadence's state and count, and the step scheduled next.
 *
 * @param nextStep the open follow-up, {@code null} when none is scheduled (drip, stopped,
 *     unsubscribed, or nothing planned yet)
 */
public record PersonCadence(Cadence cadence, FollowUp nextStep) {
    public PersonCadence {
        requireNonNull(cadence, "cadence is null");
    }
}
