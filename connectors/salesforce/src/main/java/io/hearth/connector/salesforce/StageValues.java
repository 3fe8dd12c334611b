package io.hearth.connector.salesforce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Hearth's deal stages as values of the Opportunity StageName picklist, for writing deals: the
 * {@code stage_values} pairs ({@code needs_analysis=Needs Analysis}). Read the other way, a StageName is
 * Hearth's stage by those pairs, else by the default picklist values Hearth's sync maps by itself
 * ({@link #KNOWN}), so a deal in Value Proposition is already in needs analysis and keeps its finer stage.
 */
final class StageValues {
    static final String DEFAULT = "qualification=Qualification,needs_analysis=Needs Analysis,"
            + "proposal=Proposal/Price Quote,negotiation=Negotiation/Review,closed_won=Closed Won,"
            + "closed_lost=Closed Lost";

    /**
     * Salesforce's default StageName values, letters and digits in lower case, as core's {@code StageMapping}
     * maps them onto Hearth's default stages.
     */
    static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("prospecting", "qualification"),
            Map.entry("qualification", "qualification"),
            Map.entry("needsanalysis", "needs_analysis"),
            Map.entry("valueproposition", "needs_analysis"),
            Map.entry("iddecisionmakers", "needs_analysis"),
            Map.entry("perceptionanalysis", "needs_analysis"),
            Map.entry("proposalpricequote", "proposal"),
            Map.entry("negotiationreview", "negotiation"),
            Map.entry("closedwon", "closed_won"),
            Map.entry("closedlost", "closed_lost"));

    private final Map<String, String> toSalesforce;

    private StageValues(Map<String, String> toSalesforce) {
        this.toSalesforce = Map.copyOf(toSalesforce);
    }

    /**
     * Parses {@code stage=StageName,...}: Hearth's stage keys (lower case, as {@code needs_analysis}), values
     * as spelt in the picklist, without commas or equals signs.
     *
     * @throws IllegalArgumentException naming what is wrong, fit for a config problem
     */
    static StageValues parse(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals < 0 || entry.indexOf('=', equals + 1) >= 0) {
                throw new IllegalArgumentException("each entry must be stage=StageName, got '" + entry.strip() + "'");
            }
            String stage = entry.substring(0, equals).strip();
            String value = entry.substring(equals + 1).strip();
            if (!stage.matches("[a-z0-9_]{1,64}")) {
                throw new IllegalArgumentException(
                        "'" + stage + "' is not a Hearth stage key (such as needs_analysis)");
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException("'" + stage + "' has no StageName value");
            }
            if (pairs.put(stage, value) != null) {
                throw new IllegalArgumentException("'" + stage + "' is given twice");
            }
        }
        for (String closing : List.of("closed_won", "closed_lost")) {
            if (!pairs.containsKey(closing)) {
                throw new IllegalArgumentException(
                        "'" + closing + "' needs its StageName: Salesforce closes a deal by its stage");
            }
        }
        return new StageValues(pairs);
    }

    /** The StageName for Hearth's stage; empty when the pairs name none. */
    Optional<String> toSalesforce(String hearthStage) {
        return Optional.ofNullable(toSalesforce.get(hearthStage));
    }

    /** Hearth's stage for a StageName: by the pairs, else by Salesforce's default values; empty for others. */
    Optional<String> toHearth(String stageName) {
        Optional<String> paired = toSalesforce.entrySet().stream()
                .filter(pair -> pair.getValue().equalsIgnoreCase(stageName.strip()))
                .map(Map.Entry::getKey)
                .findFirst();
        return paired.isPresent() ? paired : Optional.ofNullable(KNOWN.get(normal(stageName)));
    }

    private static String normal(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
