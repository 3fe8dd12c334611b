package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class WhenTextTest {

    /** 11:00 in Paris. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneId.of("Europe/Paris"));

    @ParameterizedTest
    @CsvSource({
        "2026-11-20T08:30:00Z, 2026-11-20T08:30:00Z",
        "2026-11-20t08:30:00z, 2026-11-20T08:30:00Z",
        "2026-11-20T09:30, 2026-11-20T08:30:00Z",
        "2026-11-20, 2026-11-19T23:00:00Z",
        "now, 2026-11-23T10:00:00Z",
        "' NOW ', 2026-11-23T10:00:00Z",
        "+2d, 2026-11-25T10:00:00Z",
        "-90m, 2026-11-23T08:30:00Z",
        "-1h30m, 2026-11-23T08:30:00Z",
        "+PT1H, 2026-11-23T11:00:00Z"
    })
    void readsInstantsLocalTimesDatesAndDurationsFromNow(String text, String expected) {
        assertThat(WhenText.parse(text, CLOCK)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2d", "+", "-x", "2026-13-01", "2026-11-20 09:30"})
    void refusesAnythingElseNamingTheForms(String text) {
        assertThatThrownBy(() -> WhenText.parse(text, CLOCK))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'" + text + "' is not a time")
                .hasMessageContaining("2026-11-23T10:00:00Z");
    }
}
