package io.hearth.core.auth;

import java.util.Set;

/**
 * Who is on which team: the users the tokens of a team name (revoked and expired tokens too, as
 * for the people a team's manager sees). A manager gives people only to members of their team.
 */
public interface TeamRoster {
    /** No one is on any team: for wiring whose callers act for everyone and never ask. */
    TeamRoster NONE = new TeamRoster() {
        @Override
        public boolean isOnTeam(String user, String team) {
            return false;
        }

        @Override
        public Set<String> teamMembers(String team) {
            return Set.of();
        }
    };

    /** Whether a token of {@code team} names {@code user}. */
    boolean isOnTeam(String user, String team);

    /** The users the tokens of {@code team} name: its members. */
    Set<String> teamMembers(String team);
}
