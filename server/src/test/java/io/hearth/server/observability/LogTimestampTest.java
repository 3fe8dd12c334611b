package io.hearth.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code %isotime} prints what logback's {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSX}} printed before it. */
class LogTimestampTest {
    private static final DateTimeFormatter LOGBACK_PATTERN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX");

    @Test
    void printsWhatTheDatePatternPrintsInEveryKindOfZone() {
        SplittableRandom random = new SplittableRandom(17);
        for (String zoneName : List.of("UTC", "Europe/Berlin", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham")) {
            ZoneId zone = ZoneId.of(zoneName);
            LogTimestamp converter = new LogTimestamp(zone);
            for (int i = 0; i < 20_000; i++) {
                // mostly calls in one second after another, as a log's lines come, and jumps between
                long millis = i % 100 == 0
                        ? random.nextLong(-2_000_000_000_000L, 4_000_000_000_000L)
                        : 1_700_000_000_000L + i * 7L;
                assertThat(converter.format(millis))
                        .as("%s at %d", zoneName, millis)
                        .isEqualTo(LOGBACK_PATTERN.format(
                                Instant.ofEpochMilli(millis).atZone(zone)));
            }
        }
    }

    @Test
    void followsTheOffsetAcrossADaylightSavingChange() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        LogTimestamp converter = new LogTimestamp(berlin);
        long change =
                ZonedDateTime.of(2026, 3, 29, 3, 0, 0, 0, berlin).toInstant().toEpochMilli();

        assertThat(converter.format(change - 1)).isEqualTo("2026-03-29T01:59:59.999+01");
        assertThat(converter.format(change)).isEqualTo("2026-03-29T03:00:00.000+02");
        assertThat(converter.format(change + 5)).isEqualTo("2026-03-29T03:00:00.005+02");
    }

    @Test
    void padsTheMillisecondsToThreeDigits() {
        LogTimestamp converter = new LogTimestamp(ZoneId.of("UTC"));

        assertThat(converter.format(1_700_000_000_007L)).isEqualTo("2023-11-14T22:13:20.007Z");
        assertThat(converter.format(1_700_000_000_042L)).isEqualTo("2023-11-14T22:13:20.042Z");
        assertThat(converter.format(1_700_000_000_420L)).isEqualTo("2023-11-14T22:13:20.420Z");
        assertThat(converter.format(-1L)).isEqualTo("1969-12-31T23:59:59.999Z");
    }
}
