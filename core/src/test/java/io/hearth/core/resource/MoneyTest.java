package io.hearth.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Money as a caller sends it: an ISO 4217 code, units and nanos, never negative. */
class MoneyTest {
    private static final String FIELD = "qualification.estimated_value";

    @ParameterizedTest
    @CsvSource({
        "25000, 0, 25000",
        "25000, 500000000, 25000.5",
        "0, 0, 0",
        "0, 1, 0.000000001",
        "0, 999999999, 0.999999999",
        "1000, 0, 1000",
        "9223372036854775807, 999999999, 9223372036854775807.999999999"
    })
    void readsUnitsAndNanosWithoutTrailingZeros(long units, int nanos, String amount) {
        Money money = Money.of("USD", units, nanos, FIELD);

        assertThat(money.currency()).isEqualTo("USD");
        assertThat(money.amount().toPlainString()).isEqualTo(amount);
        assertThat(money.amount().scale()).isBetween(0, 9);
    }

    @Test
    void aCodeThatIsNoIso4217CurrencyIsNamedAsTheCurrencyCode() {
        for (String code : new String[] {"XYZ", "usd", "", "US", "DOLLARS"}) {
            assertThatThrownBy(() -> Money.of(code, 5, 0, FIELD))
                    .isInstanceOfSatisfying(
                            InvalidArgumentException.class,
                            e -> assertThat(e.violations())
                                    .containsExactly(new FieldViolation(
                                            FIELD + ".currency_code",
                                            "'" + code + "' is not an ISO 4217 currency code such as USD or EUR")));
        }
        assertThat(Money.of("EUR", 5, 0, FIELD).currency()).isEqualTo("EUR");
    }

    @ParameterizedTest
    @CsvSource({"-1, 0", "0, -1", "-5, -500000000", "0, 1000000000", "5, 2147483647"})
    void aNegativeAmountOrNanosOutOfRangeIsNamedAsTheMoney(long units, int nanos) {
        assertThatThrownBy(() -> Money.of("USD", units, nanos, FIELD))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .containsExactly(new FieldViolation(FIELD, "must be a non-negative amount")));
    }

    @Test
    void everyBadPartIsNamedAtOnce() {
        assertThatThrownBy(() -> Money.of("XYZ", -1, 0, FIELD))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly(FIELD + ".currency_code", FIELD));
    }

    @Test
    void theSameRulesHoldForMoneyMadeInCode() {
        assertThat(new Money("USD", new BigDecimal("12.50")).amount()).isEqualByComparingTo("12.5");
        assertThatThrownBy(() -> new Money("XYZ", BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ISO 4217");
        assertThatThrownBy(() -> new Money("USD", new BigDecimal("-0.01")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never negative");
    }
}
