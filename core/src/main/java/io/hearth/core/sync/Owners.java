package io.hearth.core.sync;

import io.hearth.core.error.Excerpts;
import java.util.Optional;
import java.util.Set;

/**
 * Whose people a sync run may write: anyone's (an admin's run, a connection's scheduled run, a
 * server open to local callers), or, for a manager's import or sync, their own and their team's.
 * A row that would give a person to someone else, or change a person someone else owns, is
 * rejected (the rest of the file is imported); unowned people are anyone's.
 */
public final class Owners {
    public static final Owners ANYONE = new Owners(Optional.empty(), null);

    private final Optional<String> team;
    /** null: anyone */
    private final Set<String> members;

    private Owners(Optional<String> team, Set<String> members) {
        this.team = team;
        this.members = members == null ? null : Set.copyOf(members);
    }

    /** Only {@code members}, who make up {@code team} (null for a manager without a team: themselves alone). */
    public static Owners team(String team, Set<String> members) {
        return new Owners(Optional.ofNullable(team), members);
    }

    public boolean allows(String owner) {
        return members == null || owner == null || owner.isBlank() || members.contains(owner.strip());
    }

    /** Why a row naming {@code owner} as the person's owner is rejected; {@code owner} is the row's own value. */
    public String notYours(String owner) {
        return "owner: " + Excerpts.quoted(owner) + " is not on your team"
                + team.map(t -> " (" + t + ")").orElse("")
                + ": a manager imports people only for their team; an admin imports for everyone";
    }

    /** Why a row matching a person someone outside the team owns is rejected, without naming them. */
    public static String someoneElses() {
        return "the row matches a person someone outside your team works (by external id, email, phone or "
                + "name and company); a manager of their team or an admin imports it";
    }
}
