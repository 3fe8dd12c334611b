package io.hearth.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.spi.FatalConnectorException;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CursorTest {
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void aWatermarkCoversWhatWasReturnedAndNothingElse() {
        Watermark watermark = Watermark.START.after(T, "1").after(T, "2");

        assertThat(watermark).isEqualTo(new Watermark(T, Set.of("1", "2")));
        assertThat(watermark.covers(T.minusSeconds(1), "9")).isTrue();
        assertThat(watermark.covers(T, "2")).isTrue();
        assertThat(watermark.covers(T, "3")).isFalse();
        assertThat(watermark.covers(T.plusSeconds(1), "1")).isFalse();
        assertThat(watermark.after(T.plusSeconds(1), "3")).isEqualTo(new Watermark(T.plusSeconds(1), Set.of("3")));
        assertThat(watermark.after(T.minusSeconds(5), "4")).isEqualTo(watermark);
        assertThat(Watermark.START.covers(T, "1")).isFalse();
    }

    @Test
    void aWatermarkKeepsABoundedNumberOfIdsForOneSecond() {
        Watermark watermark = Watermark.at(T);
        for (int i = 0; i < Watermark.MAX_IDS + 10; i++) {
            watermark = watermark.after(T, Integer.toString(i));
        }

        assertThat(watermark.ids()).hasSize(Watermark.MAX_IDS);
        // one past the bound is read again rather than lost
        assertThat(watermark.covers(T, Integer.toString(Watermark.MAX_IDS))).isFalse();
    }

    @Test
    void theCursorRoundTripsThroughItsVersionedJson() {
        PipedriveCursor cursor = new PipedriveCursor(
                new Watermark(T, Set.of("12", "15")), Watermark.START, Watermark.at(T.minusSeconds(60)));

        String text = cursor.encode();

        assertThat(text)
                .startsWith("{\"v\":1,\"persons\":{\"since\":\"2026-11-30T10:00:00Z\",\"ids\":[")
                .contains("\"leads\":{\"ids\":[]}")
                .endsWith("\"deletions\":{\"since\":\"2026-11-30T09:59:00Z\"," + "\"ids\":[]}}");
        assertThat(PipedriveCursor.decode(text, T)).isEqualTo(cursor);
        assertThat(PipedriveCursor.decode(null, T))
                .isEqualTo(new PipedriveCursor(Watermark.START, Watermark.START, Watermark.at(T)));
    }

    @Test
    void aCursorThisConnectorDidNotWriteIsRefused() {
        for (String text : new String[] {
            "",
            "{",
            "[]",
            "{\"v\":1}",
            "{\"v\":1,\"persons\":{\"since\":3,\"ids\":[]}," + "\"leads\":{\"ids\":[]},\"deletions\":{\"ids\":[]}}",
            "{\"v\":1,\"persons\":{\"since\":\"yesterday\","
                    + "\"ids\":[]},\"leads\":{\"ids\":[]},\"deletions\":{\"ids\":[]}}"
        }) {
            assertThatThrownBy(() -> PipedriveCursor.decode(text, T))
                    .as(text)
                    .isInstanceOf(FatalConnectorException.class)
                    .hasMessageContaining("cursor cannot be read");
        }
    }

    @Test
    void pipedrivesTimeFormatsAreRead() {
        assertThat(PipedriveTime.parse("2026-11-30T10:00:00Z")).contains(T);
        assertThat(PipedriveTime.parse("2026-11-30T10:00:00.000Z")).contains(T);
        assertThat(PipedriveTime.parse("2026-11-30T12:00:00+02:00")).contains(T);
        assertThat(PipedriveTime.parse("2026-11-30 10:00:00")).contains(T);
        assertThat(PipedriveTime.parse("0000-00-00 00:00:00")).isEmpty();
        assertThat(PipedriveTime.parse(null)).isEmpty();
        assertThat(PipedriveTime.rfc3339(T.plusMillis(999))).isEqualTo("2026-11-30T10:00:00Z");
        assertThat(PipedriveTime.v1(T)).isEqualTo("2026-11-30 10:00:00");
    }
}
