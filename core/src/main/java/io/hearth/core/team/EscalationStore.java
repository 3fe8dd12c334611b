package io.hearth.core.team;

import io.hearth.core.person.LeadId;
import io.hearth.core.person.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where escalations and arrival assignments are kept, one of each per lead at most, enforced by
 * the database (a primary key, a conditional update), so that several servers running the same
 * job escalate and reassign a lead once. Calls join the caller's transaction.
 */
public interface EscalationStore {
    /**
     * Open inbound leads waiting for their first touch, not escalated yet, whose deadline lies in
     * [{@code from}, {@code upTo}], nearest first.
     */
    List<WaitingLead> dueForEscalation(Instant from, Instant upTo, int limit);

    /** Records the escalation unless the lead has one; {@code false}: another server was first. */
    boolean insertIfAbsent(Escalation escalation);

    Optional<Escalation> find(LeadId leadId);

    /** Escalations not settled yet whose deadline is before {@code now}, oldest deadline first. */
    List<Escalation> dueToSettle(Instant now, int limit);

    /**
     * Settles the escalation, if nobody has: {@code UPDATE ... WHERE settled_at IS NULL}.
     *
     * @param reassignedTo the rep the lead goes to, or {@code null} when it stays
     * @return {@code false} when another server settled it first
     */
    boolean settle(LeadId leadId, Instant at, String reassignedTo);

    /** Whether the lead still waits for its first touch and is open (not archived, converted or merged). */
    boolean stillWaiting(LeadId leadId);

    /** Unowned open inbound leads waiting for their first touch, deadline from {@code from} on, not yet assigned on arrival. */
    List<WaitingLead> unownedArrivals(Instant from, int limit);

    /** Records an arrival assignment unless the lead has one; {@code false}: another server was first. */
    boolean claimArrival(LeadId leadId, String team, String rep, Instant at);

    /**
     * The newest {@code limit} escalations since {@code since} a caller sees, oldest first: everything for
     * {@link Scope.Everyone}; otherwise those of {@code team}, of leads the caller owned or got,
     * and of unowned leads.
     */
    List<Escalation> since(Instant since, Scope scope, Optional<String> team, int limit);

    /** Every escalation, team-wide, how many reached their deadline untouched and were reassigned: for monitoring. */
    EscalationTotals totals();

    /**
     * @param escalated leads escalated as about to miss their deadline
     * @param reassigned those reassigned by round robin when the deadline passed untouched
     * @param assignedOnArrival unowned inbound leads the round robin gave a rep on arrival
     */
    record EscalationTotals(long escalated, long reassigned, long assignedOnArrival) {}
}
