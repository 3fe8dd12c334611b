package io.hearth.core.resource;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Currency;

/** An amount in one currency (ISO 4217 code), e.g. the estimated value of a deal. */
public record Money(String currency, BigDecimal amount) {
    public Money {
        requireNonNull(currency, "currency is null");
        requireNonNull(amount, "amount is null");
        Currency.getInstance(currency);
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("an amount of money here is never negative, got " + amount);
        }
    }
}
