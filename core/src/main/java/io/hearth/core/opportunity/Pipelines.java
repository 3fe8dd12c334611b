package io.hearth.core.opportunity;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which pipeline a deal moves through: its owner's team's own, or the default one when the team set
 * none, the owner is on no team, or the deal is unowned. A team's pipeline is its own open stages
 * followed by the default's two closing stages, which no team changes.
 */
public final class Pipelines {
    private final TeamPipelineStore store;
    private final PipelineStages fallback;

    public Pipelines(TeamPipelineStore store, PipelineStages fallback) {
        this.store = requireNonNull(store, "store is null");
        this.fallback = requireNonNull(fallback, "fallback is null");
    }

    /** The pipeline of teams without their own. */
    public PipelineStages fallback() {
        return fallback;
    }

    /** The pipeline of {@code team}: its own, or the default; the default for {@code null}. */
    public PipelineStages ofTeam(String team) {
        if (team == null) {
            return fallback;
        }
        List<PipelineStage> open = store.openStages(team);
        return open.isEmpty() ? fallback : withOpenStages(open);
    }

    /** Whether {@code team} set its own pipeline. */
    public boolean ownedBy(String team) {
        return !store.openStages(team).isEmpty();
    }

    /** The pipeline of the deals {@code owner} owns: their team's; the default for {@code null}. */
    public PipelineStages ofOwner(String owner) {
        if (owner == null || owner.isBlank()) {
            return fallback;
        }
        Optional<String> team = store.teamOf(owner);
        return team.map(this::ofTeam).orElse(fallback);
    }

    /** {@code open} then the default pipeline's closing stages (won, then lost). */
    public PipelineStages withOpenStages(List<PipelineStage> open) {
        List<PipelineStage> stages = new ArrayList<>(open);
        stages.add(fallback.closingStage(Outcome.WON));
        stages.add(fallback.closingStage(Outcome.LOST));
        return new PipelineStages(stages);
    }
}
