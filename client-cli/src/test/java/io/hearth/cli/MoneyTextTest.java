package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.type.Date;
import com.google.type.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTextTest {

    @ParameterizedTest
    @CsvSource({"25000.50, 25000, 500000000", "25000, 25000, 0", "0.000000001, 0, 1", "-1.75, -1, -750000000"})
    void splitsAmountsIntoUnitsAndNanosOfTheSameSign(String amount, long units, int nanos) {
        assertThat(MoneyText.toMoney(new BigDecimal(amount), "USD"))
                .isEqualTo(Money.newBuilder()
                        .setCurrencyCode("USD")
                        .setUnits(units)
                        .setNanos(nanos)
                        .build());
    }

    @ParameterizedTest
    @CsvSource({"25000, 0, 25000 USD", "25000, 500000000, 25000.50 USD", "0, 123000000, 0.123 USD"})
    void formatsCentsOnlyWhenThereAreAny(long units, int nanos, String expected) {
        Money money = Money.newBuilder()
                .setCurrencyCode("USD")
                .setUnits(units)
                .setNanos(nanos)
                .build();

        assertThat(MoneyText.format(money)).isEqualTo(expected);
    }

    @Test
    void convertsDatesBothWays() {
        Date date = MoneyText.toDate(LocalDate.of(2026, 12, 5));

        assertThat(date)
                .isEqualTo(
                        Date.newBuilder().setYear(2026).setMonth(12).setDay(5).build());
        assertThat(MoneyText.format(date)).isEqualTo("2026-12-05");
        assertThat(MoneyText.format(Date.newBuilder().setYear(2027).setMonth(3).build()))
                .isEqualTo("2027-03");
    }
}
