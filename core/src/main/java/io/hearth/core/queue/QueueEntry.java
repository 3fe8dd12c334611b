package io.hearth.core.queue;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.PersonKind;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One item of the work queue: who to contact, how, why, and by when.
 *
 * @param rank higher first within the lane; in the time-ranked lanes (due follow-ups, deals) always {@link #dueRank} of
 *     {@code visibleFrom}, which lets the store skip the follow-ups not due yet without reading them
 * @param personKind a lead or a contact; a converted lead and its contact share the id, never an entry
 * @param visibleFrom the entry shows from then on (a follow-up's due time)
 * @param deadline a speed-to-lead deadline, the time a scheduled follow-up or a deal's step fell due,
 *     else {@code null}
 * @param followUpId the scheduled cadence step the entry works, or {@code null}
 * @param opportunityId the deal whose step the entry works (the {@link Lane#OPPORTUNITY} lane), or {@code null}
 */
public record QueueEntry(
        UUID personId,
        PersonKind personKind,
        String owner,
        String displayName,
        Lane lane,
        long rank,
        Instant visibleFrom,
        Instant deadline,
        ActionKind action,
        ActionChannel channel,
        List<String> reasons,
        UUID followUpId,
        UUID opportunityId) {

    /** An entry that works no deal. */
    public QueueEntry(
            UUID personId,
            PersonKind personKind,
            String owner,
            String displayName,
            Lane lane,
            long rank,
            Instant visibleFrom,
            Instant deadline,
            ActionKind action,
            ActionChannel channel,
            List<String> reasons,
            UUID followUpId) {
        this(
                personId,
                personKind,
                owner,
                displayName,
                lane,
                rank,
                visibleFrom,
                deadline,
                action,
                channel,
                reasons,
                followUpId,
                null);
    }

    /** An entry that works no scheduled step. */
    public QueueEntry(
            UUID personId,
            PersonKind personKind,
            String owner,
            String displayName,
            Lane lane,
            long rank,
            Instant visibleFrom,
            Instant deadline,
            ActionKind action,
            ActionChannel channel,
            List<String> reasons) {
        this(
                personId,
                personKind,
                owner,
                displayName,
                lane,
                rank,
                visibleFrom,
                deadline,
                action,
                channel,
                reasons,
                null,
                null);
    }

    public QueueEntry {
        requireNonNull(personId, "personId is null");
        requireNonNull(personKind, "personKind is null");
        requireNonNull(displayName, "displayName is null");
        requireNonNull(lane, "lane is null");
        requireNonNull(visibleFrom, "visibleFrom is null");
        requireNonNull(action, "action is null");
        requireNonNull(channel, "channel is null");
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("every queue entry says why it is there");
        }
        if (lane.timeRanked() && rank != dueRank(visibleFrom)) {
            throw new IllegalArgumentException("the " + lane + " lane ranks by the time an entry fell due, got rank "
                    + rank + " for " + visibleFrom);
        }
        if ((opportunityId != null) != (lane == Lane.OPPORTUNITY)) {
            throw new IllegalArgumentException("an entry of the OPPORTUNITY lane, and only such, works a deal");
        }
    }

    /**
     * The rank in the due follow-up lane of an entry due at {@code dueAt}: the longer overdue, the
     * higher, so the lane runs oldest first and the follow-ups not due yet form its tail.
     */
    public static long dueRank(Instant dueAt) {
        return -(dueAt.getEpochSecond() * 1_000_000 + dueAt.getNano() / 1_000);
    }

    /** The same entry giving {@code newReasons}. */
    public QueueEntry withReasons(List<String> newReasons) {
        return new QueueEntry(
                personId,
                personKind,
                owner,
                displayName,
                lane,
                rank,
                visibleFrom,
                deadline,
                action,
                channel,
                newReasons,
                followUpId,
                opportunityId);
    }
}
