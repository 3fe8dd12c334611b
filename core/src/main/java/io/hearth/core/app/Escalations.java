package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.auth.Principal;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.PersonField;
import io.hearth.core.team.Escalation;
import io.hearth.core.team.EscalationRules;
import io.hearth.core.team.EscalationStore;
import io.hearth.core.team.RoundRobin;
import io.hearth.core.team.TeamStore;
import io.hearth.core.team.WaitingLead;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Speed-to-lead escalation and round-robin assignment, run by a periodic job on every server:
 *
 * <ol>
 *   <li>an unowned inbound lead goes to the next available rep of the team that takes inbound leads;
 *   <li>an inbound lead still untouched when {@link EscalationRules#warnBefore()} is left of its
 *       window is escalated: the team sees it in its queue and every queue watch gets the event;
 *   <li>once its deadline passed, still untouched, it goes to the team's next available rep when
 *       the team opted in ({@code reassign_missed_leads}).
 * </ol>
 *
 * Each step takes each lead in a transaction of its own and is done once per lead whatever the
 * number of servers: the database enforces it (a primary key, a conditional update), and the
 * round-robin turn is a row every assignment locks first.
 */
public final class Escalations {
    /** The most escalations a queue watch reads at a time. */
    public static final int MAX_EVENTS = 200;

    private final EscalationStore store;
    private final TeamStore teams;
    private final Leads leads;
    private final LeadRatings ratings;
    private final Transactor transactor;
    private final EscalationRules rules;
    private final Clock clock;
    private final Optional<String> inboundTeam;
    private final CurrentCaller caller;

    /**
     * @param inboundTeam the team whose reps get unowned inbound leads; empty: they stay unowned,
     *     in everyone's queue
     * @param caller who a queue watch acts for: the escalations it sees
     */
    public Escalations(
            EscalationStore store,
            TeamStore teams,
            Leads leads,
            LeadRatings ratings,
            Transactor transactor,
            EscalationRules rules,
            Clock clock,
            Optional<String> inboundTeam,
            CurrentCaller caller) {
        this.store = requireNonNull(store, "store is null");
        this.teams = requireNonNull(teams, "teams is null");
        this.leads = requireNonNull(leads, "leads is null");
        this.ratings = requireNonNull(ratings, "ratings is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
        this.rules = requireNonNull(rules, "rules is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.inboundTeam = requireNonNull(inboundTeam, "inboundTeam is null");
        this.caller = requireNonNull(caller, "caller is null");
    }

    public EscalationRules rules() {
        return rules;
    }

    /** What one pass did. */
    public record Pass(int assigned, int escalated, int reassigned, int settled) {
        public boolean any() {
            return assigned + escalated + settled > 0;
        }
    }

    /** One pass of the job, at most {@code limit} leads a step. */
    public Pass run(int limit) {
        int assigned = assignArrivals(limit);
        int escalated = escalateDue(limit);
        int reassigned = 0;
        int settled = 0;
        for (Escalation due : store.dueToSettle(clock.instant(), limit)) {
            Optional<String> to = transactor.inTransaction(() -> settle(due));
            if (to != null) {
                settled++;
                reassigned += to.isPresent() ? 1 : 0;
            }
        }
        return new Pass(assigned, escalated, reassigned, settled);
    }

    /**
     * The escalations since {@code since} the caller sees, oldest first (the newest {@link #MAX_EVENTS}):
     * their team's, their own leads' and unowned leads'.
     */
    public List<Escalation> since(Instant since) {
        return store.since(since, caller.scope(), caller.principal().flatMap(Principal::team), MAX_EVENTS);
    }

    private int assignArrivals(int limit) {
        if (inboundTeam.isEmpty()) {
            return 0;
        }
        String team = inboundTeam.get();
        int assigned = 0;
        for (WaitingLead lead : store.unownedArrivals(rules.staleBefore(clock.instant()), limit)) {
            boolean done = transactor.inTransaction(() -> {
                Instant now = clock.instant();
                Optional<String> rep = nextRep(team, null, now);
                if (rep.isEmpty() || !store.claimArrival(lead.leadId(), team, rep.get(), now)) {
                    return false;
                }
                giveTo(lead.leadId(), team, rep.get());
                return true;
            });
            assigned += done ? 1 : 0;
        }
        return assigned;
    }

    private int escalateDue(int limit) {
        Instant now = clock.instant();
        int escalated = 0;
        for (WaitingLead lead :
                store.dueForEscalation(rules.staleBefore(now), rules.escalateDeadlinesUpTo(now), limit)) {
            boolean done = transactor.inTransaction(() -> {
                Instant at = clock.instant();
                Optional<String> team = lead.owner() == null ? inboundTeam : teams.teamOf(lead.owner());
                return store.insertIfAbsent(new Escalation(
                        lead.leadId(),
                        team.orElse(null),
                        lead.owner(),
                        lead.displayName(),
                        lead.deadline(),
                        at,
                        rules.reason(lead.source(), lead.deadline(), at),
                        null,
                        null));
            });
            escalated += done ? 1 : 0;
        }
        return escalated;
    }

    /**
     * Decides once whether the lead goes to another rep: only while it is still untouched and its
     * team opted in. Returns the rep it went to (empty: it stayed), or {@code null} when another
     * server had settled it.
     */
    private Optional<String> settle(Escalation escalation) {
        Instant now = clock.instant();
        String team = escalation.team();
        Optional<String> rep = Optional.empty();
        if (team != null
                && store.stillWaiting(escalation.leadId())
                && teams.settings(team).reassignMissedLeads()) {
            String owner = leads.get(escalation.leadId()).fields().owner();
            rep = nextRep(team, owner, now);
        }
        if (!store.settle(escalation.leadId(), now, rep.orElse(null))) {
            return null;
        }
        if (rep.isPresent()) {
            // the miss is recorded for the rep who had the lead at its deadline, before it moves on
            ratings.refresh(escalation.leadId());
            giveTo(escalation.leadId(), team, rep.get());
        }
        return rep;
    }

    /** Whose turn it is in the team's round robin, skipping {@code skip}; locks the turn until the transaction ends. */
    private Optional<String> nextRep(String team, String skip, Instant now) {
        String last = teams.lockTurn(team, now).orElse(null);
        return RoundRobin.next(teams.reps(team, now), teams.repsOut(team).keySet(), last, skip);
    }

    private void giveTo(LeadId lead, String team, String rep) {
        teams.turnTakenBy(team, rep);
        leads.update(lead, LeadFields.builder().owner(rep).build(), EnumSet.of(PersonField.OWNER), null);
    }
}
