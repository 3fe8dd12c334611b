package io.hearth.core.opportunity;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The stages of a sales pipeline, in order: the open stages a deal moves through, then one stage
 * a won deal ends in and one a lost deal ends in. A policy type so that a team's own pipeline can
 * replace {@link #DEFAULT} later without touching the rules that read it.
 */
public record PipelineStages(List<PipelineStage> stages) {
    /** The pipeline Hearth ships with: probabilities and stall limits a team can change. */
    public static final PipelineStages DEFAULT = new PipelineStages(List.of(
            new PipelineStage("qualification", "Qualification", 10, 14, Outcome.OPEN),
            new PipelineStage("needs_analysis", "Needs analysis", 25, 14, Outcome.OPEN),
            new PipelineStage("proposal", "Proposal", 50, 10, Outcome.OPEN),
            new PipelineStage("negotiation", "Negotiation", 75, 10, Outcome.OPEN),
            new PipelineStage("closed_won", "Closed won", 100, 0, Outcome.WON),
            new PipelineStage("closed_lost", "Closed lost", 0, 0, Outcome.LOST)));

    public PipelineStages {
        stages = List.copyOf(requireNonNull(stages, "stages is null"));
        Set<String> keys = new HashSet<>();
        for (PipelineStage stage : stages) {
            if (!keys.add(stage.key())) {
                throw new IllegalArgumentException("two stages are named " + stage.key());
            }
        }
        if (stages.stream().noneMatch(s -> s.outcome() == Outcome.OPEN)) {
            throw new IllegalArgumentException("a pipeline needs at least one open stage");
        }
        for (Outcome closing : List.of(Outcome.WON, Outcome.LOST)) {
            if (stages.stream().filter(s -> s.outcome() == closing).count() != 1) {
                throw new IllegalArgumentException("a pipeline needs exactly one " + closing + " stage");
            }
        }
    }

    /** The stage a new deal starts in when none is given: the first open one. */
    public PipelineStage first() {
        return stages.stream().filter(s -> !s.closing()).findFirst().orElseThrow();
    }

    /** The stage a deal closing with {@code outcome} ends in. */
    public PipelineStage closingStage(Outcome outcome) {
        if (!outcome.closed()) {
            throw new IllegalArgumentException("an open outcome has no closing stage");
        }
        return stages.stream().filter(s -> s.outcome() == outcome).findFirst().orElseThrow();
    }

    public Optional<PipelineStage> find(String key) {
        return stages.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /**
     * The stage a caller named, as written ({@code Needs analysis}, {@code needs-analysis} and
     * {@code needs_analysis} are one stage).
     *
     * @param field the request field, named when no stage has that name
     */
    public PipelineStage named(String text, String field) {
        String key = text == null
                ? ""
                : text.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return find(key)
                .orElseThrow(() -> InvalidArgumentException.of(
                        field,
                        Excerpts.quoted(text) + " is not a stage of this pipeline; stages: "
                                + stages.stream().map(PipelineStage::key).toList()));
    }

    /** An open stage a deal may be moved to by hand; the closing stages are reached by closing it. */
    public PipelineStage openStageNamed(String text, String field) {
        PipelineStage stage = named(text, field);
        if (stage.closing()) {
            throw InvalidArgumentException.of(
                    field,
                    stage.key() + " closes the deal: close it (won or lost, with a reason when lost) instead of"
                            + " moving it there");
        }
        return stage;
    }
}
