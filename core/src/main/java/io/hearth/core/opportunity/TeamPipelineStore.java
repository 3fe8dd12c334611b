package io.hearth.core.opportunity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where teams keep their own pipelines' open stages. Calls join the caller's transaction when one is open. */
public interface TeamPipelineStore {
    /** The open stages {@code team} set, in order; empty when it set none (it uses the default). */
    List<PipelineStage> openStages(String team);

    /** Replaces {@code team}'s open stages with {@code stages}, in order. */
    void replace(String team, List<PipelineStage> stages, Instant at, String by);

    /** The open, unarchived deals owned by members of {@code team} (users its tokens name), per stage. */
    Map<String, Integer> openDealsPerStage(String team);

    /**
     * The team a deal owned by {@code user} works in: the team of the newest token naming the user
     * with a team; empty for a user no team's token names.
     */
    Optional<String> teamOf(String user);
}
