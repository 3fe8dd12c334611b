package io.hearth.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Times and durations as callers send them. Found by the server's RequestValidationFuzzTest: a
 * start_time past what {@link Instant} holds failed GetFollowUpStats with INTERNAL, and an end_time
 * of 0001-01-01T00:00:00Z (a valid Timestamp) failed GetResponseStats in HSQLDB.
 */
class ApiTimesTest {
    @Test
    void readsTimesFrom1900ToTheLastSecondOfTimestamp() {
        assertThat(ApiTimes.instant(0, 0, "start_time")).isEqualTo(Instant.EPOCH);
        assertThat(ApiTimes.instant(ApiTimes.MIN_SECONDS, 0, "start_time"))
                .isEqualTo(Instant.parse("1900-01-01T00:00:00Z"));
        assertThat(ApiTimes.instant(ApiTimes.MAX_SECONDS, 999_999_999, "start_time"))
                .isEqualTo(Instant.parse("9999-12-31T23:59:59.999999999Z"));
    }

    @ParameterizedTest
    @CsvSource({
        "-2208988801, 0",
        "-62135596800, 0",
        "253402300800, 0",
        "9223372036854775807, 0",
        "-9223372036854775808, 0",
        "0, -1",
        "0, 1000000000",
        "0, -2147483648"
    })
    void refusesATimeOutsideTimestampNamingTheField(long seconds, int nanos) {
        assertThatThrownBy(() -> ApiTimes.instant(seconds, nanos, "touch.occur_time"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly("touch.occur_time"));
    }

    @Test
    void readsDurationsOfEitherSignUpToTenThousandYears() {
        assertThat(ApiTimes.duration(90, 500, "duration")).isEqualTo(Duration.ofSeconds(90, 500));
        assertThat(ApiTimes.duration(-90, -500, "duration")).isEqualTo(Duration.ofSeconds(-90, -500));
        assertThat(ApiTimes.duration(0, -5, "duration")).isEqualTo(Duration.ofNanos(-5));
        assertThat(ApiTimes.duration(ApiTimes.MAX_DURATION_SECONDS, 999_999_999, "duration"))
                .isEqualTo(Duration.ofSeconds(ApiTimes.MAX_DURATION_SECONDS, 999_999_999));
    }

    @ParameterizedTest
    @CsvSource({
        "315576000001, 0",
        "-315576000001, 0",
        "9223372036854775807, 999999999",
        "-9223372036854775808, 0",
        "1, -1",
        "-1, 1",
        "0, 1000000000",
        "0, -1000000000"
    })
    void refusesADurationOutsideDurationNamingTheField(long seconds, int nanos) {
        assertThatThrownBy(() -> ApiTimes.duration(seconds, nanos, "time_budget"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly("time_budget"));
    }
}
