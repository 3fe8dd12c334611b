package io.hearth.core.team;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A team's reps, who of them is out, its settings and its round-robin turn. Calls join the caller's transaction. */
public interface TeamStore {
    /** The users named by the team's live (neither revoked nor expired at {@code now}) rep tokens. */
    Set<String> reps(String team, Instant now);

    /** The team's reps who are out, with the time each went out and who said so. */
    Map<String, RepOut> repsOut(String team);

    /** The team a rep's token names (the first by name should tokens name several); empty without one. */
    Optional<String> teamOf(String user);

    /** Whether a token of {@code team} ever named anyone: a team exists as its members' tokens. */
    boolean exists(String team);

    /** The team's settings; the defaults (nothing opted in, no turn taken) for a team without a row. */
    TeamSettings settings(String team);

    /** Saves whether the team reassigns missed leads. */
    void saveReassignMissedLeads(String team, boolean reassign, Instant at, String by);

    /** Marks the rep out; {@code false} when they already were. */
    boolean markOut(String team, String user, Instant at, String by);

    /** Marks the rep back; {@code false} when they were not out. */
    boolean markBack(String team, String user);

    /**
     * Locks the team's round-robin turn until the transaction ends (creating its row if need be)
     * and returns who got the last lead: of several servers, one hands out a turn at a time.
     */
    Optional<String> lockTurn(String team, Instant at);

    /** Moves the turn (locked by {@link #lockTurn}) on to {@code rep}. */
    void turnTakenBy(String team, String rep);

    /** When a rep went out, and who said so. */
    record RepOut(Instant since, String by) {}
}
