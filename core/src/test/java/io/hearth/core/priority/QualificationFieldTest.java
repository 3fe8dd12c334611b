package io.hearth.core.priority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.resource.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualificationFieldTest {
    private static final Qualification CURRENT = new Qualification(
            LocalDate.parse("2026-12-15"),
            new Money("USD", BigDecimal.valueOf(25_000)),
            ReferralKind.CHAMPION,
            new Bant(Answer.YES, Answer.UNKNOWN, Answer.YES, Answer.NO),
            "call after 2pm",
            4);

    @Test
    void pathsNameFieldsBantNamesItsFourAnswersAndStarNamesAll() {
        assertThat(QualificationField.fromPaths(List.of("need_by", "bant.budget", "lead_level"), "update_mask"))
                .containsExactlyInAnyOrder(
                        QualificationField.NEED_BY, QualificationField.BUDGET, QualificationField.LEAD_LEVEL);
        assertThat(QualificationField.fromPaths(List.of("bant"), "update_mask"))
                .containsExactlyInAnyOrder(
                        QualificationField.BUDGET,
                        QualificationField.AUTHORITY,
                        QualificationField.NEED,
                        QualificationField.TIMESCALE);
        assertThat(QualificationField.fromPaths(List.of("*"), "update_mask"))
                .isEqualTo(EnumSet.allOf(QualificationField.class));
    }

    @Test
    void unknownAndOutputOnlyPathsAreRefusedNamingTheMaskField() {
        assertThatThrownBy(() -> QualificationField.fromPaths(List.of("note", "budget"), "update_mask"))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
                    assertThat(e.violations()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo("update_mask");
                        assertThat(v.description())
                                .startsWith("'budget' is not a qualification field")
                                .contains("bant.budget");
                    });
                });
        assertThatThrownBy(() -> QualificationField.fromPaths(List.of("qualified"), "update_mask"))
                .hasMessageContaining("'qualified' is output only");
        assertThatThrownBy(() -> QualificationField.fromPaths(List.of("etag"), "update_mask"))
                .hasMessageContaining("'etag' is output only");
    }

    @Test
    void onlyMaskedFieldsChangeAndAMaskedEmptyFieldClears() {
        Qualification changes = new Qualification(
                null,
                null,
                ReferralKind.NONE,
                new Bant(Answer.NO, Answer.YES, Answer.UNKNOWN, Answer.UNKNOWN),
                "new note",
                6);

        Qualification result = QualificationField.apply(
                CURRENT,
                changes,
                EnumSet.of(QualificationField.NEED_BY, QualificationField.AUTHORITY, QualificationField.LEAD_LEVEL));

        assertThat(result)
                .isEqualTo(new Qualification(
                        null,
                        CURRENT.estimatedValue(),
                        ReferralKind.CHAMPION,
                        new Bant(Answer.YES, Answer.YES, Answer.YES, Answer.NO),
                        "call after 2pm",
                        6));
        assertThat(QualificationField.apply(CURRENT, changes, EnumSet.allOf(QualificationField.class)))
                .isEqualTo(changes);
    }
}
