package io.hearth.core.team;

import static java.util.Objects.requireNonNull;

import io.hearth.core.opportunity.PipelineStages;

/**
 * The pipeline a team's deals move through.
 *
 * @param own false when the team set none and uses the default pipeline
 */
public record TeamPipeline(String team, PipelineStages stages, boolean own) {
    public TeamPipeline {
        requireNonNull(team, "team is null");
        requireNonNull(stages, "stages is null");
    }
}
