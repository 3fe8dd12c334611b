package io.hearth.core.opportunity;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What is to happen next on a deal and by when, e.g. "send the revised proposal" by Friday.
 *
 * @param dueAt {@code null} when the step has no date yet
 */
public record NextStep(String description, Instant dueAt) {
    public NextStep {
        requireNonNull(description, "description is null");
    }
}
