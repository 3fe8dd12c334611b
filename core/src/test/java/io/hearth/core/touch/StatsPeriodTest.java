package io.hearth.core.touch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The period follow-up statistics cover: both ends required, named as the API names them. */
class StatsPeriodTest {
    private static final Instant FROM = Instant.parse("2026-11-02T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-09T00:00:00Z");
    private static final String REQUIRED = "required: the period is start_time (inclusive) to end_time (exclusive)";

    @Test
    void bothEndsAreRequiredTheStartFirst() {
        assertRefused(null, TO, new FieldViolation("start_time", REQUIRED));
        assertRefused(null, null, new FieldViolation("start_time", REQUIRED));
        assertRefused(FROM, null, new FieldViolation("end_time", REQUIRED));
        assertRefused(TO, FROM, new FieldViolation("end_time", "must be after start_time"));
    }

    @Test
    void aBlankOwnerIsEveryOwner() {
        assertThat(new StatsPeriod(FROM, TO, "  ", null).owner()).isNull();
        assertThat(new StatsPeriod(FROM, TO, " alice ", null).owner()).isEqualTo("alice");
        assertThatThrownBy(() -> new StatsPeriod(FROM, TO, "al\u0000ice", null))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly("owner"));
    }

    private static void assertRefused(Instant from, Instant to, FieldViolation violation) {
        assertThatThrownBy(() -> new StatsPeriod(from, to, null, null))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations()).containsExactly(violation));
    }
}
