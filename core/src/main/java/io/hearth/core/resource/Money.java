package io.hearth.core.resource;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * An amount in one currency (ISO 4217 code), e.g. the estimated value of a deal. Never negative.
 * {@link #of(String, long, int, String)} reads one as a caller sends it; the constructor holds the
 * same rules as invariants.
 */
public record Money(String currency, BigDecimal amount) {
    /** Nanos are billionths of a unit, as in {@code google.type.Money}: 0 to 999,999,999 here. */
    public static final int MAX_NANOS = 999_999_999;

    private static final int NANOS_DIGITS = 9;

    public Money {
        requireNonNull(currency, "currency is null");
        requireNonNull(amount, "amount is null");
        if (currencyProblem(currency) != null) {
            throw new IllegalArgumentException(currencyProblem(currency));
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("an amount of money here is never negative, got " + amount);
        }
    }

    /**
     * Money as a caller sends it: a currency code, whole units and nanos (billionths of a unit), the
     * shape of {@code google.type.Money}. The amount keeps no trailing zeros ({@code 25000.50} is
     * {@code 25000.5}, {@code 1000} stays {@code 1000}).
     *
     * @param field the request field of the money, e.g. {@code qualification.estimated_value}; a bad
     *     currency is named as {@code field.currency_code}, a bad amount as {@code field}
     * @throws InvalidArgumentException naming every bad part
     */
    public static Money of(String currencyCode, long units, int nanos, String field) {
        List<FieldViolation> violations = new ArrayList<>();
        String currencyProblem = currencyProblem(currencyCode);
        if (currencyProblem != null) {
            violations.add(new FieldViolation(field + ".currency_code", currencyProblem));
        }
        if (units < 0 || nanos < 0 || nanos > MAX_NANOS) {
            violations.add(new FieldViolation(field, "must be a non-negative amount"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidArgumentException(violations);
        }
        BigDecimal amount = BigDecimal.valueOf(units)
                .add(BigDecimal.valueOf(nanos, NANOS_DIGITS))
                .stripTrailingZeros();
        return new Money(currencyCode, amount.scale() < 0 ? amount.setScale(0) : amount);
    }

    /** What is wrong with {@code code} as a currency, or {@code null} when it is an ISO 4217 code. */
    private static String currencyProblem(String code) {
        try {
            Currency.getInstance(code);
            return null;
        } catch (IllegalArgumentException | NullPointerException e) {
            return Excerpts.quoted(code) + " is not an ISO 4217 currency code such as USD or EUR";
        }
    }
}
