package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

import io.hearth.core.priority.Temperature;
import io.hearth.core.queue.PersonKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How hard people are followed up: how many follow-ups a lead and a contact get before drip, the
 * sequence of steps, and whether a positive outcome converts a lead on its own.
 *
 * @param autoConvert true: a positive reply or booked meeting converts the lead; false: the reply
 *     only suggests converting and a rep decides
 */
public record CadencePolicy(
        int leadFollowUpLimit, int contactFollowUpLimit, List<CadenceStep> steps, boolean autoConvert) {

    /** Three-prong follow-up: call first, then a postcard, then an email; 2 for a lead, 8 for a contact. */
    public static final CadencePolicy DEFAULT = new CadencePolicy(
            2,
            8,
            List.of(
                    new CadenceStep(Channel.PHONE, Duration.ofDays(2)),
                    new CadenceStep(Channel.POSTCARD, Duration.ofDays(3)),
                    new CadenceStep(Channel.EMAIL, Duration.ofDays(4))),
            true);

    public CadencePolicy {
        steps = List.copyOf(requireNonNull(steps, "steps is null"));
        if (leadFollowUpLimit < 1 || contactFollowUpLimit < 1) {
            throw new IllegalArgumentException("follow-up limits must be at least 1, got lead " + leadFollowUpLimit
                    + " and contact " + contactFollowUpLimit);
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a cadence needs at least one step");
        }
    }

    public CadencePolicy withLimits(int leadLimit, int contactLimit, boolean auto) {
        return new CadencePolicy(leadLimit, contactLimit, steps, auto);
    }

    /** Follow-ups a person gets before moving to drip. */
    public int limitFor(PersonKind kind) {
        return kind == PersonKind.LEAD ? leadFollowUpLimit : contactFollowUpLimit;
    }

    /**
     * The step at {@code index} of the person's sequence; the sequence repeats when it runs out. A
     * cold lead gets the mail steps last, once the warmer channels are exhausted.
     *
     * @param temperature the lead's temperature; {@code null} for contacts
     */
    public CadenceStep step(int index, PersonKind kind, Temperature temperature) {
        List<CadenceStep> sequence = sequenceFor(kind, temperature);
        return sequence.get(index % sequence.size());
    }

    List<CadenceStep> sequenceFor(PersonKind kind, Temperature temperature) {
        if (kind != PersonKind.LEAD || temperature != Temperature.COLD) {
            return steps;
        }
        List<CadenceStep> warmFirst = new ArrayList<>();
        steps.stream().filter(s -> !s.channel().isMail()).forEach(warmFirst::add);
        steps.stream().filter(s -> s.channel().isMail()).forEach(warmFirst::add);
        return warmFirst;
    }
}
