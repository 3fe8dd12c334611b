package io.hearth.core.queue;

import io.hearth.core.person.PersonKind;
import io.hearth.core.person.Scope;
import io.hearth.core.query.PageToken;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The materialized work queue. Calls join the caller's transaction when one is open. */
public interface QueueStore {
    /** Puts the person's entry in place of any earlier one. */
    void put(QueueEntry entry);

    /**
     * Takes the person out of the queue (archived, converted, in drip). Only an entry of {@code kind}
     * goes: a converted lead shares its id with its contact, whose entry stays.
     */
    void remove(UUID personId, PersonKind kind);

    /**
     * Puts in the entry of a person who has none yet (a lead made this instant): a plain insert,
     * where {@link #put} has the database look for an entry to replace first.
     */
    void insert(QueueEntry entry);

    /** Puts in the entries of people who have none yet (a sync's new leads), as one batch. */
    void insertAll(Collection<QueueEntry> entries);

    Optional<QueueEntry> find(UUID personId);

    /** How many entries each lane holds, team-wide, for monitoring: visible at {@code now}, and later. */
    Map<Lane, LaneSize> sizes(Instant now);

    /** A lane's entries: those to work now, and those scheduled to show later (follow-ups not yet due). */
    record LaneSize(long due, long scheduled) {}

    /**
     * The next entries visible at {@code now}, in queue order.
     *
     * @param owner one rep's queue, or {@code null} for the whole team
     * @param after the position of the previous page's last entry, if any
     */
    default List<QueueEntry> next(String owner, Instant now, int limit, Optional<PageToken> after, Scope scope) {
        return next(owner, now, limit, after, scope, Optional.empty());
    }

    /**
     * The next entries visible at {@code now}, in queue order; the team's view ({@code owner}
     * {@code null}) also shows the speed-to-lead entries of {@code escalationTeam}'s escalated
     * leads, whoever owns them, and an escalated entry gives the escalation as its first reason.
     *
     * @param escalationTeam the caller's team, or empty
     */
    List<QueueEntry> next(
            String owner,
            Instant now,
            int limit,
            Optional<PageToken> after,
            Scope scope,
            Optional<String> escalationTeam);

    /** Encodes where {@code last} stands, for the next page. */
    static PageToken position(String fingerprint, QueueEntry last) {
        return new PageToken(
                fingerprint,
                last.lane().priority() + ":" + last.rank(),
                last.personId().toString());
    }
}
