package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationTextTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @ParameterizedTest
    @CsvSource({
        "0, 0s",
        "45, 45s",
        "192, 3m12s",
        "300, 5m",
        "3900, 1h05m",
        "6900, 1h55m",
        "7200, 2h",
        "7205, 2h00m05s",
        "93600, 1d02h",
        "-90, -1m30s"
    })
    void formatsLargestUnitsFirstAndLeavesOutZeros(long seconds, String expected) {
        assertThat(DurationText.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "192, in 3m12s",
        "65, in 1m05s",
        "9, in 9s",
        "3605, in 1h00m05s",
        "0, due now",
        "-65, overdue 1m05s",
        "-90061, overdue 1d01h01m01s"
    })
    void countsDownToTheSecond(long secondsLeft, String expected) {
        assertThat(DurationText.countdown(NOW.plusSeconds(secondsLeft), NOW)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1500, in 1s", "-1500, overdue 1s", "999, due now", "-999, due now"})
    void truncatesFractionsOfASecond(long millisLeft, String expected) {
        assertThat(DurationText.countdown(NOW.plusMillis(millisLeft), NOW)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"10m, 600", "45s, 45", "1h30m, 5400", "2H, 7200", "1d, 86400", "PT10M, 600", "pt1h, 3600", "0m, 0"})
    void parsesCompactAndIsoDurations(String text, long seconds) {
        assertThat(DurationText.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "ten minutes", "-5m", "PT-5M", "5m10h"})
    void rejectsEverythingElse(String text) {
        assertThatThrownBy(() -> DurationText.parse(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("is not a duration like 10m, 1h30m or 45s");
    }
}
