package io.hearth.cli;

import com.google.type.Date;
import com.google.type.Money;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;

/** Converts amounts and dates between their CLI spelling and the google.type messages. */
final class MoneyText {

    private static final int NANOS_DIGITS = 9;

    private MoneyText() {}

    /**
     * {@code 25000.50} in {@code USD} is units 25000, nanos 500000000. Units and nanos share the
     * sign, as google.type.Money requires.
     *
     * @throws ArithmeticException if the amount has more than nine decimals or does not fit
     */
    static Money toMoney(BigDecimal amount, String currencyCode) {
        BigInteger units = amount.toBigInteger();
        int nanos = amount.subtract(new BigDecimal(units))
                .movePointRight(NANOS_DIGITS)
                .intValueExact();
        return Money.newBuilder()
                .setCurrencyCode(currencyCode)
                .setUnits(units.longValueExact())
                .setNanos(nanos)
                .build();
    }

    static BigDecimal amount(Money money) {
        return BigDecimal.valueOf(money.getUnits()).add(BigDecimal.valueOf(money.getNanos(), NANOS_DIGITS));
    }

    /** {@code 25000 USD}, {@code 25000.50 USD}: cents shown only when there are any. */
    static String format(Money money) {
        BigDecimal amount = amount(money).stripTrailingZeros();
        if (amount.scale() < 0) {
            amount = amount.setScale(0);
        } else if (amount.scale() == 1) {
            amount = amount.setScale(2);
        }
        return (amount.toPlainString() + " " + money.getCurrencyCode()).strip();
    }

    static Date toDate(LocalDate date) {
        return Date.newBuilder()
                .setYear(date.getYear())
                .setMonth(date.getMonthValue())
                .setDay(date.getDayOfMonth())
                .build();
    }

    /** {@code 2026-12-15}; a date without day or month (allowed by google.type.Date) is shorter. */
    static String format(Date date) {
        StringBuilder text = new StringBuilder("%04d".formatted(date.getYear()));
        if (date.getMonth() > 0) {
            text.append("-%02d".formatted(date.getMonth()));
            if (date.getDay() > 0) {
                text.append("-%02d".formatted(date.getDay()));
            }
        }
        return text.toString();
    }
}
