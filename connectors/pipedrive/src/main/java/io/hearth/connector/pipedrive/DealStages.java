package io.hearth.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.crm.http.Query;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Hearth's deal stages as Pipedrive's pipeline stages, for writing deals. A Hearth stage is the stage the
 * config's {@code deal_stages} names for it, else a stage whose name Hearth's sync reads as it: the names
 * of Pipedrive's default pipeline and Hearth's own stage names ({@link #KNOWN}). A deal already in a stage
 * that stands for its Hearth stage stays there, so a deal in Contact Made is not moved to Qualified.
 */
final class DealStages {
    /**
     * The stage names Hearth's sync maps onto its default stages by itself (core's {@code StageMapping}:
     * Pipedrive's default pipeline, then Hearth's own keys and names), letters and digits, lower case.
     */
    static final Map<String, List<String>> KNOWN = Map.of(
            "qualification", List.of("qualified", "contactmade", "qualification"),
            "needs_analysis", List.of("demoscheduled", "needsdefined", "needsanalysis"),
            "proposal", List.of("proposalmade", "proposal"),
            "negotiation", List.of("negotiationsstarted", "negotiation"));

    /** One of Pipedrive's stages. */
    record Stage(long id, String name, long pipelineId, int order) {}

    private final Map<String, String> configured;
    private final List<Stage> stages;

    DealStages(Map<String, String> configured, List<Stage> stages) {
        this.configured = Map.copyOf(configured);
        this.stages = stages.stream()
                .sorted(Comparator.comparingLong(Stage::pipelineId)
                        .thenComparingInt(Stage::order)
                        .thenComparingLong(Stage::id))
                .toList();
    }

    /** Every stage of every pipeline, from {@code GET /api/v2/stages}. */
    static DealStages load(CrmHttp http, Map<String, String> configured) {
        List<Stage> stages = new ArrayList<>();
        JsonReply reply = http.get(DealList.STAGES, Query.of("limit", Integer.toString(PipedriveConfig.MAX_PAGE_SIZE)));
        for (JsonNode stage : Answers.data(reply)) {
            stages.add(new Stage(
                    Long.parseLong(reply.requireText(stage, "id")),
                    PipedriveJson.text(stage, "name").orElse(""),
                    stage.path("pipeline_id").asLong(0),
                    stage.path("order_nr").asInt(0)));
        }
        return new DealStages(configured, stages);
    }

    /** Whether Hearth reads the stage with this id as {@code hearthStage}. */
    boolean standsFor(long stageId, String hearthStage) {
        return stages.stream()
                .filter(stage -> stage.id() == stageId)
                .anyMatch(stage -> stands(stage.name(), hearthStage));
    }

    /**
     * The stage to put a deal in for {@code hearthStage}: one in {@code pipelineId} when that pipeline has
     * one (a deal does not change pipelines for a stage), else the first pipeline's that has one.
     */
    Optional<Stage> stageFor(String hearthStage, long pipelineId) {
        return stages.stream()
                .filter(stage -> stands(stage.name(), hearthStage))
                .min(Comparator.comparing((Stage stage) -> stage.pipelineId() != pipelineId)
                        .thenComparing(stage -> rank(stage.name(), hearthStage)));
    }

    /** Why no stage can be written for {@code hearthStage}, saying how to name one. */
    String missing(String hearthStage) {
        String name = configured.get(hearthStage);
        if (name != null) {
            return "deal_stages names " + Quote.of(name) + " for Hearth's stage " + hearthStage
                    + ", and no Pipedrive pipeline has a stage of that name";
        }
        return "no Pipedrive stage stands for Hearth's stage " + Quote.of(hearthStage) + "; name one in the "
                + "connection's deal_stages (" + hearthStage + "=<Pipedrive stage name>)";
    }

    private boolean stands(String name, String hearthStage) {
        String configuredName = configured.get(hearthStage);
        if (configuredName != null) {
            return normal(configuredName).equals(normal(name));
        }
        // a name the config gives another stage is that stage's, whatever it would mean by default
        if (configured.values().stream().anyMatch(other -> normal(other).equals(normal(name)))) {
            return false;
        }
        return KNOWN.getOrDefault(hearthStage, List.of(normal(hearthStage))).contains(normal(name));
    }

    /** Earlier in {@link #KNOWN}'s list is preferred: Qualified over Contact Made for a new deal. */
    private static int rank(String name, String hearthStage) {
        int index = KNOWN.getOrDefault(hearthStage, List.of()).indexOf(normal(name));
        return index < 0 ? 0 : index;
    }

    /** The config's {@code deal_stages}: {@code hearth_stage=Pipedrive stage name} pairs. */
    static Map<String, String> parse(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String stage =
                    equals < 0 ? entry.strip() : entry.substring(0, equals).strip();
            String name = equals < 0 ? "" : entry.substring(equals + 1).strip();
            if (!stage.matches("[a-z0-9_]{1,64}")) {
                throw new IllegalArgumentException(
                        Quote.of(stage) + " is not a Hearth stage key (such as needs_analysis)");
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException(stage + " has no Pipedrive stage name (write " + stage + "=Name)");
            }
            if (pairs.put(stage, name) != null) {
                throw new IllegalArgumentException(stage + " is given twice");
            }
        }
        return Map.copyOf(pairs);
    }

    static String normal(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
