package io.hearth.core.touch;

import io.hearth.core.person.LeadSource;
import java.util.List;
import java.util.OptionalDouble;

/**
 * How effective the follow-up was in a period.
 *
 * @param medianTouchesToConversion over the leads converted in the period; empty when none converted
 */
public record FollowUpStats(
        List<ChannelKindCount> touchesByChannelAndKind,
        List<Rate<Channel>> positiveRateByChannel,
        List<Rate<Integer>> positiveRateByFollowUpNumber,
        List<Rate<LeadSource>> conversionRateBySource,
        OptionalDouble medianTouchesToConversion,
        int conversions,
        int movedToDrip) {

    public FollowUpStats {
        touchesByChannelAndKind = List.copyOf(touchesByChannelAndKind);
        positiveRateByChannel = List.copyOf(positiveRateByChannel);
        positiveRateByFollowUpNumber = List.copyOf(positiveRateByFollowUpNumber);
        conversionRateBySource = List.copyOf(conversionRateBySource);
    }

    public record ChannelKindCount(Channel channel, TouchKind kind, int touches) {}

    /** {@code hits} of {@code total} for one key; the rate is a fraction between 0 and 1. */
    public record Rate<K>(K key, int total, int hits) {
        public double rate() {
            return total == 0 ? 0 : (double) hits / total;
        }
    }
}
