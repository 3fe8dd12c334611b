package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.CadenceState;
import io.hearth.core.person.PersonRef;
import java.time.Instant;

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

    /** What the store holds for {@code person}: a person without a cadence is active with nothing done. */
    public static PersonCadence of(PersonRef person, CadenceStore.Stored stored, Instant now) {
        Cadence cadence = stored.cadence() != null ? stored.cadence() : Cadence.start(person, now);
        return new PersonCadence(cadence, stored.openStep());
    }

    /**
     * The state as a rep sees it at {@code now}: {@link CadenceState#WAITING} while an active
     * cadence's next step is not due yet, else the stored state.
     */
    public CadenceState stateAt(Instant now) {
        return shown(cadence.state(), nextStep == null ? null : nextStep.dueAt(), now);
    }

    /** {@link #stateAt} from a stored state and the next step's due time ({@code null}: none). */
    public static CadenceState shown(CadenceState stored, Instant nextDue, Instant now) {
        return stored == CadenceState.ACTIVE && nextDue != null && nextDue.isAfter(now) ? CadenceState.WAITING : stored;
    }
}
