package io.hearth.cli;

import com.google.type.Date;
import com.google.type.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** A deal's amount and dates as typed on the command line; a bad one is a usage error naming its option. */
final class DealText {
    private DealText() {}

    /** {@code 25000.50} and {@code EUR}; negative amounts and more than 9 decimals are refused here. */
    static Money money(RpcCommand command, String amount, String currency, String option) {
        BigDecimal value;
        try {
            value = new BigDecimal(amount.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw command.usageError("Invalid value for option '%s': '%s' is not an amount like 25000 or 25000.50"
                    .formatted(option, amount));
        }
        if (value.signum() < 0) {
            throw command.usageError("Invalid value for option '%s': must not be negative".formatted(option));
        }
        if (value.stripTrailingZeros().scale() > 9 || value.toBigInteger().bitLength() > 63) {
            throw command.usageError("Invalid value for option '%s': '%s' has more than 9 decimals or is too large"
                    .formatted(option, amount));
        }
        return MoneyText.toMoney(value, currency.trim().toUpperCase(Locale.ROOT));
    }

    /** {@code 2027-03-31}. */
    static Date date(RpcCommand command, String text, String option) {
        try {
            return MoneyText.toDate(LocalDate.parse(text.trim()));
        } catch (DateTimeParseException e) {
            throw command.usageError(
                    "Invalid value for option '%s': '%s' is not a date like 2027-03-31".formatted(option, text));
        }
    }
}
