package io.hearth.core.opportunity;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When an open deal asks for its owner's attention, and why: its next step falls due, or it has sat
 * in its stage past the stage's stall limit (stage entered + limit), whichever comes first. Both are
 * known when the deal is written, so the work queue can place the deal then and show it from that
 * time on without a job watching the clock.
 *
 * @param owner who works the deal; {@code null} when nobody does
 * @param dueAt when the deal needs attention
 * @param reasons what is due, first the step that makes it due; every text names its dates, so it
 *     stays true as time passes (e.g. "stalled from 2026-12-16")
 */
public record DealAttention(OpportunityId opportunity, String owner, Instant dueAt, List<String> reasons) {
    private static final DateTimeFormatter DAY_AND_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    public DealAttention {
        requireNonNull(opportunity, "opportunity is null");
        requireNonNull(dueAt, "dueAt is null");
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a deal's step says why it is due");
        }
    }

    /**
     * The deal's step, if it has one: none for a closed or archived deal, nor for an open one with
     * neither a dated next step nor a stall limit on its stage.
     */
    public static Optional<DealAttention> of(Opportunity deal, PipelineStages pipeline) {
        if (deal.closed() || deal.archived()) {
            return Optional.empty();
        }
        NextStep next = deal.fields().nextStep();
        Instant stepDue = next == null ? null : next.dueAt();
        Optional<PipelineStage> stage = pipeline.find(deal.stage());
        int stallDays = stage.map(PipelineStage::stallDays).orElse(0);
        Instant stallsAt = stallDays > 0 ? deal.stageEnteredAt().plus(Duration.ofDays(stallDays)) : null;
        if (stepDue == null && stallsAt == null) {
            return Optional.empty();
        }
        String stageName = stage.map(PipelineStage::displayName).orElse(deal.stage());
        String stepReason = stepDue == null
                ? null
                : "deal \"" + deal.fields().title() + "\": next step \"" + next.description() + "\" due "
                        + DAY_AND_TIME.format(stepDue);
        String stallReason = stallsAt == null
                ? null
                : "deal \"" + deal.fields().title() + "\": in " + stageName + " since "
                        + DAY.format(deal.stageEnteredAt()) + ", stalled from " + DAY.format(stallsAt) + " ("
                        + stallDays + "-day limit), "
                        + (next == null
                                ? "no next step"
                                : stepDue == null
                                        ? "next step \"" + next.description() + "\" has no date"
                                        : "next step set");
        List<String> reasons = new ArrayList<>(2);
        Instant dueAt;
        if (stallsAt == null || (stepDue != null && !stallsAt.isBefore(stepDue))) {
            dueAt = stepDue;
            reasons.add(stepReason);
            if (stallReason != null) {
                reasons.add(stallReason);
            }
        } else {
            dueAt = stallsAt;
            reasons.add(stallReason);
            if (stepReason != null) {
                reasons.add(stepReason);
            }
        }
        return Optional.of(new DealAttention(deal.id(), deal.fields().owner(), dueAt, reasons));
    }
}
