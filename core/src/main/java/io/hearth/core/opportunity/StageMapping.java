package io.hearth.core.opportunity;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.Excerpts;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a source's deal stage (a CRM's stage id or name, a spreadsheet's "Stage" cell) onto a stage
 * of Hearth's pipeline. In order: the connection's own mapping ({@code stage.<source stage>=<hearth
 * stage>}), then the pipeline's own keys and names ({@code Needs Analysis}, {@code needs_analysis}),
 * then the stages of HubSpot's, Salesforce's and Pipedrive's default pipelines. A stage none of them knows maps
 * to nothing: the record is rejected naming it, never filed in a default stage.
 */
public final class StageMapping {
    /**
     * The stages of the CRMs' default sales pipelines, by their ids (HubSpot's internal names) and
     * names (Salesforce's StageName picklist), letters and digits only, lower-case.
     */
    static final Map<String, String> WELL_KNOWN = Map.ofEntries(
            // HubSpot's default pipeline
            Map.entry("appointmentscheduled", "qualification"),
            Map.entry("qualifiedtobuy", "qualification"),
            Map.entry("presentationscheduled", "needs_analysis"),
            Map.entry("decisionmakerboughtin", "proposal"),
            Map.entry("contractsent", "negotiation"),
            // Salesforce's default StageName values
            Map.entry("prospecting", "qualification"),
            Map.entry("valueproposition", "needs_analysis"),
            Map.entry("iddecisionmakers", "needs_analysis"),
            Map.entry("perceptionanalysis", "needs_analysis"),
            Map.entry("proposalpricequote", "proposal"),
            Map.entry("negotiationreview", "negotiation"),
            // Pipedrive's default pipeline (its stages go by name)
            Map.entry("qualified", "qualification"),
            Map.entry("contactmade", "qualification"),
            Map.entry("demoscheduled", "needs_analysis"),
            Map.entry("needsdefined", "needs_analysis"),
            Map.entry("proposalmade", "proposal"),
            Map.entry("negotiationsstarted", "negotiation"),
            // both, and Pipedrive's statuses
            Map.entry("closedwon", "closed_won"),
            Map.entry("won", "closed_won"),
            Map.entry("closedlost", "closed_lost"),
            Map.entry("lost", "closed_lost"));

    private final PipelineStages pipeline;
    private final Map<String, String> explicit;
    private final Map<String, String> byNormalName = new HashMap<>();

    /**
     * @param explicit source stage (as the source writes it) to Hearth stage key; every value must be
     *     a stage of {@code pipeline}
     */
    public StageMapping(PipelineStages pipeline, Map<String, String> explicit) {
        this.pipeline = requireNonNull(pipeline, "pipeline is null");
        this.explicit = Map.copyOf(explicit);
        for (Map.Entry<String, String> e : explicit.entrySet()) {
            if (pipeline.find(e.getValue()).isEmpty()) {
                throw new IllegalArgumentException("stage." + e.getKey() + " names no stage: " + e.getValue());
            }
        }
        WELL_KNOWN.forEach((name, key) -> {
            if (pipeline.find(key).isPresent()) {
                byNormalName.put(name, key);
            }
        });
        for (PipelineStage stage : pipeline.stages()) {
            byNormalName.put(normal(stage.key()), stage.key());
            byNormalName.put(normal(stage.displayName()), stage.key());
        }
        explicit.forEach((source, key) -> byNormalName.put(normal(source), key));
    }

    /** Hearth's stage for the source's {@code stage}, or empty when nothing maps it. */
    public Optional<PipelineStage> map(String stage) {
        if (stage == null || stage.isBlank()) {
            return Optional.empty();
        }
        String key = explicit.get(stage.strip());
        if (key == null) {
            key = byNormalName.get(normal(stage));
        }
        return key == null ? Optional.empty() : pipeline.find(key);
    }

    /** Why {@code stage} cannot be mapped, saying how to map it. */
    public String unmapped(String stage) {
        List<String> keys = pipeline.stages().stream().map(PipelineStage::key).toList();
        return "stage " + Excerpts.quoted(stage) + " is not a stage Hearth knows; map it in the connection or import"
                + " settings with stage." + stage.strip() + "=<one of " + keys + ">";
    }

    private static String normal(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
