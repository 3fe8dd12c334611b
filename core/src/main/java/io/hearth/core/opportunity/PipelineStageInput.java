package io.hearth.core.opportunity;

/**
 * An open stage as a caller sends it for a team's pipeline, unchecked ({@link PipelineStageRules}).
 *
 * @param key e.g. {@code discovery}; {@code Needs analysis} and {@code needs-analysis} read as {@code needs_analysis}
 * @param displayName blank for one made from the key
 */
public record PipelineStageInput(String key, String displayName, int probability, int stallDays) {}
