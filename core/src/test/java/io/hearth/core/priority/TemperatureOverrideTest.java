package io.hearth.core.priority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import org.junit.jupiter.api.Test;

/** A rep's pin needs a reason the team can read beside the grade. */
class TemperatureOverrideTest {
    @Test
    void pinningAGradeNeedsAReason() {
        for (String blank : new String[] {null, "", "  \t"}) {
            assertThatThrownBy(() -> TemperatureOverride.checkReason(Temperature.HOT, blank, "reason"))
                    .isInstanceOfSatisfying(
                            InvalidArgumentException.class,
                            e -> assertThat(e.violations())
                                    .containsExactly(new FieldViolation(
                                            "reason", "required: say why, so the team sees it beside the grade")));
        }
        assertThatCode(() -> TemperatureOverride.checkReason(null, "", "reason"))
                .doesNotThrowAnyException();
    }

    @Test
    void aReasonMayHaveTheMostCharactersAndNoMore() {
        String longest = "r".repeat(TemperatureOverride.MAX_REASON);

        assertThatCode(() -> TemperatureOverride.checkReason(Temperature.WARM, longest, "reason"))
                .doesNotThrowAnyException();
        for (Temperature grade : new Temperature[] {Temperature.WARM, null}) {
            assertThatThrownBy(() -> TemperatureOverride.checkReason(grade, longest + "r", "reason"))
                    .isInstanceOfSatisfying(
                            InvalidArgumentException.class,
                            e -> assertThat(e.violations())
                                    .containsExactly(new FieldViolation("reason", "must be at most 500 characters")));
        }
    }
}
