package io.hearth.connector.salesforce;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Hearth's words for a picklist (temperature {@code hot}, status {@code contacted}) against the values
 * of a Salesforce picklist (Rating {@code Hot}, Status {@code Working - Contacted}), from a config value
 * such as {@code hot=Hot,warm=Warm,cool=Cold,cold=Cold}. Used both ways with the same pairs, so what
 * Hearth writes reads back as what it wrote and no echo looks like a change. When several Hearth words
 * share one Salesforce value, the last one listed is what that value reads as.
 */
final class ValueMap {
    private final Map<String, String> toSalesforce;
    private final Map<String, String> toHearth;

    private ValueMap(Map<String, String> toSalesforce) {
        this.toSalesforce = Map.copyOf(toSalesforce);
        Map<String, String> reverse = new LinkedHashMap<>();
        toSalesforce.forEach((hearth, salesforce) -> reverse.put(salesforce.toLowerCase(Locale.ROOT), hearth));
        this.toHearth = Map.copyOf(reverse);
    }

    /**
     * Parses {@code word=Value,word=Value}; words are Hearth's in any letter case ({@code NEW} or {@code new}),
     * values Salesforce's as spelt in the picklist, without commas or equals signs.
     *
     * @throws IllegalArgumentException naming what is wrong, fit for a config problem
     */
    static ValueMap parse(String text, Collection<String> hearthWords) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals < 0 || entry.indexOf('=', equals + 1) >= 0) {
                throw new IllegalArgumentException(
                        "each entry must be word=Salesforce value, got '" + entry.strip() + "'");
            }
            String word = hearthWord(entry.substring(0, equals));
            String value = entry.substring(equals + 1).strip();
            if (!hearthWords.contains(word)) {
                throw new IllegalArgumentException("'" + word + "' is not one of " + String.join(", ", hearthWords));
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException("'" + word + "' has no Salesforce value");
            }
            if (pairs.put(word, value) != null) {
                throw new IllegalArgumentException("'" + word + "' is given twice");
            }
        }
        return new ValueMap(pairs);
    }

    /** The Salesforce value for Hearth's word, in any letter case; empty when the map has none. */
    Optional<String> toSalesforce(String hearthValue) {
        return Optional.ofNullable(toSalesforce.get(hearthWord(hearthValue)));
    }

    /** Hearth's word for a Salesforce value, in any letter case; empty when the map has none. */
    Optional<String> toHearth(String salesforceValue) {
        return Optional.ofNullable(toHearth.get(salesforceValue.strip().toLowerCase(Locale.ROOT)));
    }

    /** Hearth spells its values in lower case with hyphens; its enums arrive as {@code NOT_CONTACTED}. */
    private static String hearthWord(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
