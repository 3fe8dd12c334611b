package io.hearth.core.priority;

import io.hearth.core.person.LeadId;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where missed speed-to-lead deadlines are kept, one per lead. Calls join the caller's
 * transaction. Writers hold the lead's profile row (its version guard) while they write here, so
 * two servers never record one miss twice.
 */
public interface MissedDeadlineStore {
    Optional<MissedDeadline> find(LeadId leadId);

    /** Records a miss; the display name is not stored (lists show the lead's current one). */
    void insert(MissedDeadline missed);

    /** Sets (or clears, with {@code null}) the late first touch of a recorded miss. */
    void setRespondedAt(LeadId leadId, Instant respondedAt);

    /** Withdraws a recorded miss: a touch logged later turned out to be in time. */
    void delete(LeadId leadId);

    /** Every miss recorded, team-wide, and how many still wait for their first touch: for monitoring. */
    MissTotals totals();

    record MissTotals(long recorded, long unanswered) {}

    /**
     * Misses of leads that arrived in [{@code from}, {@code to}), newest arrival first.
     *
     * @param owner one rep's misses, or {@code null} for the team
     * @param after where the previous page ended; its sort value is the arrival instant
     * @param fingerprint the query's fingerprint, carried in the next page's token
     */
    Page<MissedDeadline> list(
            String owner,
            Instant from,
            Instant to,
            boolean unansweredOnly,
            int pageSize,
            Optional<PageToken> after,
            String fingerprint);

    /** Per rep, the misses of leads that arrived in [{@code from}, {@code to}), most missed first. */
    List<OwnerMisses> tally(String owner, Instant from, Instant to);
}
