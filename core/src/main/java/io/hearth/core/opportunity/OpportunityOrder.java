package io.hearth.core.opportunity;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import java.util.Locale;

/**
 * The orders an opportunity list can come in (AIP-132 {@code order_by}); ties are broken by id, in
 * the same direction. Amounts are compared as numbers whatever their currency: a list ordered by
 * amount is meant for one currency.
 */
public record OpportunityOrder(Key key, boolean descending) {
    public static final OpportunityOrder DEFAULT = new OpportunityOrder(Key.CREATE_TIME, false);

    public enum Key {
        CREATE_TIME,
        EXPECTED_CLOSE_DATE,
        AMOUNT
    }

    /**
     * Reads {@code expected_close_date}, {@code amount desc}, ...; blank is oldest first.
     *
     * @param field the request field, named when the text is no order this list knows
     */
    public static OpportunityOrder parse(String text, String field) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String[] words = text.strip().toLowerCase(Locale.ROOT).split("\\s+");
        Key key = switch (words[0]) {
            case "create_time" -> Key.CREATE_TIME;
            case "expected_close_date" -> Key.EXPECTED_CLOSE_DATE;
            case "amount" -> Key.AMOUNT;
            default -> null;
        };
        boolean descending = words.length == 2 && words[1].equals("desc");
        boolean directionOk = words.length == 1 || (words.length == 2 && (descending || words[1].equals("asc")));
        if (key == null || !directionOk) {
            throw InvalidArgumentException.of(
                    field,
                    Excerpts.quoted(text) + " is not an order of this list; use create_time, expected_close_date"
                            + " or amount, each optionally followed by asc or desc");
        }
        return new OpportunityOrder(key, descending);
    }

    String canonical() {
        return key + (descending ? " desc" : " asc");
    }
}
