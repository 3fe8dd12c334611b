package io.hearth.core.priority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.resource.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a rep sends to qualify a lead, read into a qualification; every bad part named under the field. */
class QualificationInputTest {
    private static final QualificationInput EMPTY = new QualificationInput(
            null, null, ReferralKind.NONE, Answer.UNKNOWN, Answer.UNKNOWN, Answer.UNKNOWN, Answer.UNKNOWN, "", 0);

    @Test
    void readsEveryPart() {
        Qualification read = new QualificationInput(
                        new QualificationInput.Day(2026, 12, 15),
                        new QualificationInput.Amount("USD", 25_000, 500_000_000),
                        ReferralKind.CHAMPION,
                        Answer.YES,
                        Answer.NO,
                        Answer.YES,
                        Answer.UNKNOWN,
                        "  call after 2pm ",
                        4)
                .read("qualification");

        assertThat(read)
                .isEqualTo(new Qualification(
                        LocalDate.of(2026, 12, 15),
                        new Money("USD", new BigDecimal("25000.5")),
                        ReferralKind.CHAMPION,
                        new Bant(Answer.YES, Answer.NO, Answer.YES, Answer.UNKNOWN),
                        "call after 2pm",
                        4));
    }

    @Test
    void nothingSentIsNothingKnown() {
        assertThat(EMPTY.read("qualification")).isEqualTo(Qualification.NONE);
        assertThat(with(" \n ", 0).read("qualification").note()).isNull();
    }

    @Test
    void aNoteMayHaveTheMostCharactersAndNoMore() {
        String longest = "n".repeat(Qualification.MAX_NOTE);

        assertThat(with(longest, 0).read("qualification").note()).isEqualTo(longest);
        assertRefused(
                () -> with(longest + "n", 0).read("qualification"),
                "qualification.note",
                "must be at most 2000 characters");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 6})
    void aLeadLevelIsOneToSixOrZero(int level) {
        assertThat(with("", level).read("qualification").leadLevel()).isEqualTo(level);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 7, Integer.MAX_VALUE})
    void anyOtherLeadLevelIsRefused(int level) {
        assertRefused(
                () -> with("", level).read("qualification"),
                "qualification.lead_level",
                "must be 1 to 6, or 0 for not assessed; got " + level);
    }

    @Test
    void aNeedDateMustBeOnTheCalendar() {
        assertThat(needBy(2028, 2, 29).read("qualification").needBy()).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThatThrownBy(() -> needBy(2026, 2, 29).read("qualification"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly("qualification.need_by"))
                .hasMessageContaining("not a calendar date");
        assertThatThrownBy(() -> needBy(2026, 13, 1).read("qualification"))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void theValueIsReadAsMoneyUnderItsField() {
        assertRefused(
                () -> value("XYZ", 5, 0).read("qualification"),
                "qualification.estimated_value.currency_code",
                "'XYZ' is not an ISO 4217 currency code such as USD or EUR");
        assertRefused(
                () -> value("USD", -5, 0).read("qualification"),
                "qualification.estimated_value",
                "must be a non-negative amount");
    }

    @Test
    void valuesThisServerDoesNotKnowAreNamed() {
        QualificationInput unknown = new QualificationInput(null, null, null, null, Answer.YES, null, Answer.NO, "", 0);

        assertThatThrownBy(() -> unknown.read("qualification"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly(
                                        "qualification.referral",
                                        "qualification.bant.budget",
                                        "qualification.bant.need"));
    }

    @Test
    void everyBadPartIsNamedAtOnce() {
        QualificationInput bad = new QualificationInput(
                new QualificationInput.Day(2026, 13, 1),
                new QualificationInput.Amount("XYZ", 5, 0),
                ReferralKind.NONE,
                Answer.UNKNOWN,
                Answer.UNKNOWN,
                Answer.UNKNOWN,
                Answer.UNKNOWN,
                "n".repeat(2001),
                9);

        assertThatThrownBy(() -> bad.read("qualification"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly(
                                        "qualification.need_by", "qualification.estimated_value.currency_code",
                                        "qualification.lead_level", "qualification.note"));
    }

    private static QualificationInput with(String note, int leadLevel) {
        return new QualificationInput(
                null,
                null,
                ReferralKind.NONE,
                Answer.UNKNOWN,
                Answer.UNKNOWN,
                Answer.UNKNOWN,
                Answer.UNKNOWN,
                note,
                leadLevel);
    }

    private static QualificationInput needBy(int year, int month, int day) {
        return new QualificationInput(
                new QualificationInput.Day(year, month, day),
                null,
                ReferralKind.NONE,
                Answer.UNKNOWN,
                Answer.UNKNOWN,
                Answer.UNKNOWN,
                Answer.UNKNOWN,
                "",
                0);
    }

    private static QualificationInput value(String currency, long units, int nanos) {
        return new QualificationInput(
                null,
                new QualificationInput.Amount(currency, units, nanos),
                ReferralKind.NONE,
                Answer.UNKNOWN,
                Answer.UNKNOWN,
                Answer.UNKNOWN,
                Answer.UNKNOWN,
                "",
                0);
    }

    private static void assertRefused(ThrowingCallable read, String field, String description) {
        assertThatThrownBy(read)
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations()).containsExactly(new FieldViolation(field, description)));
    }
}
