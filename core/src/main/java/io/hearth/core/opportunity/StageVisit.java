package io.hearth.core.opportunity;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A stretch a deal spent in one stage.
 *
 * @param leftAt {@code null} while the deal is still in the stage
 * @param movedBy the user who moved the deal into the stage, or {@code null} (no token: a local
 *     caller or a background job)
 */
public record StageVisit(String stage, Instant enteredAt, Instant leftAt, String movedBy) {
    public StageVisit {
        requireNonNull(stage, "stage is null");
        requireNonNull(enteredAt, "enteredAt is null");
    }

    public StageVisit leftAt(Instant when) {
        return new StageVisit(stage, enteredAt, when, movedBy);
    }
}
