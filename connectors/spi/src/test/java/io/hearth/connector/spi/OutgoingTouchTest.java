package io.hearth.connector.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutgoingTouchTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void optionalPartsMayBeNull() {
        OutgoingTouch touch = new OutgoingTouch("touches/1", "leads/1", null, "video-call", null, T, null);

        assertThat(touch.channel()).isEqualTo("video-call");
        assertThat(touch.personExternalId()).isNull();
        assertThat(touch.outcome()).isNull();
        assertThat(touch.note()).isNull();
    }

    @Test
    void requiredPartsAreChecked() {
        assertThatThrownBy(() -> new OutgoingTouch(null, "leads/1", null, "phone", null, T, null))
                .hasMessage("touchId is null");
        assertThatThrownBy(() -> new OutgoingTouch(" ", "leads/1", null, "phone", null, T, null))
                .hasMessage("touchId is blank");
        assertThatThrownBy(() -> new OutgoingTouch("touches/1", "", null, "phone", null, T, null))
                .hasMessage("personHearthId is blank");
        assertThatThrownBy(() -> new OutgoingTouch("touches/1", "leads/1", null, null, null, T, null))
                .hasMessage("channel is null");
        assertThatThrownBy(() -> new OutgoingTouch("touches/1", "leads/1", null, "phone", null, null, null))
                .hasMessage("occurredAt is null");
    }

    @Test
    void channelAndOutcomeAreLowerCaseWordsNotEnumNames() {
        assertThatThrownBy(() -> new OutgoingTouch("touches/1", "leads/1", null, "VIDEO_CALL", null, T, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel")
                .hasMessageContaining("VIDEO_CALL");
        assertThatThrownBy(() -> new OutgoingTouch("touches/1", "leads/1", null, "phone", "No Answer", T, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outcome");
    }

    @Test
    void everyListedWordIsAccepted() {
        for (String channel : OutgoingTouch.CHANNELS) {
            for (String outcome : OutgoingTouch.OUTCOMES) {
                assertThat(new OutgoingTouch("touches/1", "leads/1", "9", channel, outcome, T, "n").outcome())
                        .isEqualTo(outcome);
            }
        }
    }
}
