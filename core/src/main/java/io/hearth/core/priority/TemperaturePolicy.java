package io.hearth.core.priority;

import java.time.Duration;

/**
 * The thresholds of the temperature rules; a team may tune them, these are the defaults from the
 * domain brief ("an event in 2-4 weeks" is hot, "spoken with long ago" is cold).
 *
 * @param hotNeedWithin a need this close makes a lead hot
 * @param sizzlingNeedWithin a need this close makes a hot lead sizzling: follow up today
 * @param sizzlingAfterPositive a positive reply this recent makes a lead sizzling
 * @param warmAfterPositive a positive reply this recent keeps a lead at least warm
 * @param conversationCounts a conversation this recent counts as a relationship (warm)
 * @param hotSilence, warmSilence, coolSilence how long each grade lasts without any activity
 *     before it cools by one step
 * @param hotNeedLikelihood a near need makes a lead hot only when it is at least this likely to
 *     close (warmth is how likely times how soon: a date alone does not make hot a lead that said
 *     no to budget, authority and need)
 * @param warmLikelihood a lead at least this likely to close is at least warm, whatever else the
 *     rules found (the learned model may know better than the rules)
 */
public record TemperaturePolicy(
        Duration hotNeedWithin,
        Duration sizzlingNeedWithin,
        Duration sizzlingAfterPositive,
        Duration warmAfterPositive,
        Duration conversationCounts,
        Duration hotSilence,
        Duration warmSilence,
        Duration coolSilence,
        double hotNeedLikelihood,
        double warmLikelihood) {

    public TemperaturePolicy {
        if (!(hotNeedLikelihood >= 0 && hotNeedLikelihood <= 1)) {
            throw new IllegalArgumentException("hotNeedLikelihood must be in [0,1], got " + hotNeedLikelihood);
        }
        if (!(warmLikelihood >= 0 && warmLikelihood <= 1)) {
            throw new IllegalArgumentException("warmLikelihood must be in [0,1], got " + warmLikelihood);
        }
    }

    public static final TemperaturePolicy DEFAULT = new TemperaturePolicy(
            Duration.ofDays(28),
            Duration.ofDays(7),
            Duration.ofDays(1),
            Duration.ofDays(14),
            Duration.ofDays(90),
            Duration.ofDays(30),
            Duration.ofDays(90),
            Duration.ofDays(180),
            0.40,
            0.60);
}
