package io.hearth.core.queue;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A person's open follow-up as the work queue shows it: the person waits for it until it falls
 * due, and is then worked on its channel.
 *
 * @param id the follow-up's id
 * @param reasons what the follow-up is and why, first reason first
 */
public record ScheduledFollowUp(UUID id, Instant dueAt, ActionChannel channel, List<String> reasons) {
    public ScheduledFollowUp {
        requireNonNull(id, "id is null");
        requireNonNull(dueAt, "dueAt is null");
        requireNonNull(channel, "channel is null");
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a follow-up in the queue says what it is");
        }
    }

    /** Its rank in the due follow-up lane: oldest due first. */
    public long rank() {
        return QueueEntry.dueRank(dueAt);
    }
}
