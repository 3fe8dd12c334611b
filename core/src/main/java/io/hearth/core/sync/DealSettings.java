package io.hearth.core.sync;

import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.Connector;
import io.hearth.core.error.Excerpts;
import io.hearth.core.error.FieldViolation;
import io.hearth.core.opportunity.PipelineStage;
import io.hearth.core.opportunity.PipelineStages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hearth's own keys in an import's or a connection's config about deals, kept from the connector
 * (as the {@code own.} keys are): {@code records} says what a run reads ({@code people}, the
 * default; {@code deals}, e.g. a file Hearth exported with its deals; or {@code people,deals}, a CRM's
 * people then its deals), and {@code stage.<source stage>=<hearth stage>} maps a source's stage
 * onto Hearth's pipeline ({@link io.hearth.core.opportunity.StageMapping}).
 *
 * @param people whether the run reads people
 * @param deals whether the run reads deals, after the people
 * @param stages source stage to Hearth stage key
 */
public record DealSettings(boolean people, boolean deals, Map<String, String> stages) {
    public static final String RECORDS = "records";
    public static final String STAGE_PREFIX = "stage.";
    public static final DealSettings PEOPLE = new DealSettings(true, false, Map.of());

    public DealSettings {
        stages = Map.copyOf(stages);
    }

    /** The settings of a config {@link #violations} found nothing wrong with. */
    public static DealSettings of(Map<String, String> config) {
        String records = config.getOrDefault(RECORDS, "people");
        List<String> kinds = kinds(records);
        Map<String, String> stages = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            if (key.startsWith(STAGE_PREFIX)) {
                stages.put(key.substring(STAGE_PREFIX.length()), value.strip());
            }
        });
        return new DealSettings(kinds.contains("people"), kinds.contains("deals"), stages);
    }

    /** The config without Hearth's deal keys: what the connector is given. */
    public static Map<String, String> connectorConfig(Map<String, String> config) {
        Map<String, String> rest = new LinkedHashMap<>(config);
        rest.keySet().removeIf(key -> key.equals(RECORDS) || key.startsWith(STAGE_PREFIX));
        return rest;
    }

    /**
     * What is wrong with the deal keys of {@code config}, each named {@code <prefix>.<key>}.
     *
     * @param prefix the request field of the config, e.g. {@code config} or {@code connection.config}
     */
    public static List<FieldViolation> violations(
            Map<String, String> config, Connector connector, PipelineStages pipeline, String prefix) {
        List<FieldViolation> violations = new ArrayList<>();
        String records = config.get(RECORDS);
        if (records != null) {
            List<String> kinds = kinds(records);
            if (kinds.isEmpty() || !List.of("people", "deals").containsAll(kinds)) {
                violations.add(new FieldViolation(
                        prefix + "." + RECORDS,
                        "must be people, deals or people,deals, got " + Excerpts.quoted(records)));
            } else if (kinds.contains("deals") && !connector.capabilities().contains(Capability.READ_DEALS)) {
                violations.add(new FieldViolation(
                        prefix + "." + RECORDS, "connector " + connector.name() + " does not read deals"));
            }
        }
        config.forEach((key, value) -> {
            if (key.startsWith(STAGE_PREFIX)) {
                if (key.length() == STAGE_PREFIX.length()) {
                    violations.add(new FieldViolation(prefix + "." + key, "name the source's stage after stage."));
                } else if (pipeline.find(value == null ? "" : value.strip()).isEmpty()) {
                    violations.add(new FieldViolation(
                            prefix + "." + key,
                            "must be a Hearth stage: one of "
                                    + pipeline.stages().stream()
                                            .map(PipelineStage::key)
                                            .toList()));
                }
            }
        });
        return violations;
    }

    private static List<String> kinds(String records) {
        return List.of(records.split(",")).stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
