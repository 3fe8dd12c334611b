package io.hearth.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypicalDurationsTest {
    @Test
    void everyChannelHasADefault() {
        TypicalDurations defaults = TypicalDurations.withOverrides(Map.of(), "typical_durations");

        for (ActionChannel channel : ActionChannel.values()) {
            assertThat(defaults.of(channel)).as(channel.name()).isPositive().isLessThanOrEqualTo(TypicalDurations.MAX);
        }
        assertThat(defaults.of(ActionChannel.SMS)).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.of(ActionChannel.DIRECT_MAIL)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anOverrideReplacesTheDefaultWithinBounds() {
        assertThat(TypicalDurations.withOverrides(Map.of(ActionChannel.SMS, Duration.ofMinutes(1)), "f")
                        .of(ActionChannel.SMS))
                .isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> TypicalDurations.withOverrides(Map.of(ActionChannel.SMS, Duration.ZERO), "f"))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void adjustmentsAsSentNameTheChannelTheyLackAndTheLaterWins() {
        TypicalDurations adjusted = TypicalDurations.withOverrides(
                List.of(
                        new TypicalDurations.Adjustment(ActionChannel.SMS, Duration.ofMinutes(1)),
                        new TypicalDurations.Adjustment(ActionChannel.SMS, Duration.ofMinutes(3))),
                "typical_durations");

        assertThat(adjusted.of(ActionChannel.SMS)).isEqualTo(Duration.ofMinutes(3));
        assertThatThrownBy(() -> TypicalDurations.withOverrides(
                        List.of(
                                new TypicalDurations.Adjustment(ActionChannel.SMS, Duration.ZERO),
                                new TypicalDurations.Adjustment(null, Duration.ofMinutes(1))),
                        "typical_durations"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .containsExactly(new FieldViolation(
                                        "typical_durations.channel", "name a channel, e.g. ACTION_CHANNEL_PHONE")));
        assertThatThrownBy(() -> TypicalDurations.withOverrides(
                        List.of(new TypicalDurations.Adjustment(
                                ActionChannel.EMAIL, TypicalDurations.MAX.plusSeconds(1))),
                        "typical_durations"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly("typical_durations"));
    }
}
