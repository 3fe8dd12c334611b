package io.hearth.core.app;

import io.hearth.connector.spi.DealFields;
import io.hearth.core.opportunity.Opportunity;
import io.hearth.core.opportunity.OpportunityFields;
import io.hearth.core.opportunity.Outcome;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A deal's values by {@link DealFields} name, as a write-back sends them and as it compares what a
 * CRM holds with what Hearth has: the title, the amount (a plain decimal without trailing zeros) and
 * its currency, the expected close date, Hearth's stage key, the outcome and, for a closed deal, its
 * reason. Not the owner (Hearth's is a rep, a CRM's an id of its own users) and not the next step,
 * which {@link DealFields} has no name for.
 */
final class DealValues {
    private DealValues() {}

    static Map<String, String> of(Opportunity deal) {
        return of(deal.fields(), deal.stage(), deal.outcome(), deal.closeReason());
    }

    static Map<String, String> of(OpportunityFields fields, String stage, Outcome outcome, String reason) {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, DealFields.TITLE, fields.title());
        if (fields.amount() != null) {
            values.put(
                    DealFields.AMOUNT,
                    fields.amount().amount().stripTrailingZeros().toPlainString());
            values.put(DealFields.CURRENCY, fields.amount().currency());
        }
        if (fields.expectedCloseDate() != null) {
            values.put(DealFields.CLOSE_DATE, fields.expectedCloseDate().toString());
        }
        values.put(DealFields.STAGE, stage);
        values.put(DealFields.OUTCOME, outcome.name().toLowerCase(Locale.ROOT));
        if (outcome.closed()) {
            put(values, DealFields.REASON, reason);
        }
        return values;
    }

    /** {@code values} without the fields a destination does not hold ({@code Connector#dealFieldsHeld}). */
    static Map<String, String> held(Set<String> held, Map<String, String> values) {
        Map<String, String> kept = new LinkedHashMap<>(values);
        kept.keySet().retainAll(held);
        return kept;
    }

    /**
     * The values of the fields Hearth owns ({@link io.hearth.core.sync.FieldOwnership#deals()}), in
     * the order of {@code all}: the amount with its currency, the stage with the outcome and reason.
     */
    static Map<String, String> owned(Set<String> owned, Map<String, String> all) {
        Map<String, String> values = new LinkedHashMap<>();
        all.forEach((field, value) -> {
            if (owned.contains(ownerOf(field))) {
                values.put(field, value);
            }
        });
        return values;
    }

    /** The field whose owner owns {@code field}. */
    static String ownerOf(String field) {
        return switch (field) {
            case DealFields.CURRENCY -> DealFields.AMOUNT;
            case DealFields.OUTCOME, DealFields.REASON -> DealFields.STAGE;
            default -> field;
        };
    }

    private static void put(Map<String, String> values, String field, String value) {
        if (value != null && !value.isBlank()) {
            values.put(field, value);
        }
    }
}
