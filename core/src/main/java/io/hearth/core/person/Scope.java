package io.hearth.core.person;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.Excerpts;
import io.hearth.core.error.PermissionDeniedException;
import java.util.function.BiPredicate;

/**
 * Which people a caller may see and change. Stores put it into the query itself, so a person out of
 * scope is never read, and to the caller it does not exist ({@code NOT_FOUND}, as for an id that was
 * never used), so ids cannot be probed. Unowned people (an inbound lead no rep has yet) are in every
 * scope: anyone may pick them up.
 */
public sealed interface Scope {
    /** Everyone: an admin, a background job, or a server open to local callers without tokens. */
    Scope EVERYONE = new Everyone();

    record Everyone() implements Scope {}

    /** A rep: the people {@code user} owns. */
    record Own(String user) implements Scope {
        public Own {
            requireNonNull(user, "user is null");
        }
    }

    /** A manager: the people {@code user} owns and those owned by a member of {@code team}. */
    record Team(String team, String user) implements Scope {
        public Team {
            requireNonNull(team, "team is null");
            requireNonNull(user, "user is null");
        }
    }

    /**
     * Whether a caller in this scope may be told who the person owned by {@code owner} is (named in
     * an error, say). A manager is told only of their own and unowned people here, since their
     * team's members are known to the database alone: telling less is never a leak.
     */
    default boolean mayKnow(String owner) {
        if (this instanceof Own own) {
            return owner == null || owner.equals(own.user());
        }
        if (this instanceof Team team) {
            return owner == null || owner.equals(team.user());
        }
        return true;
    }

    /** The owner a person created in this scope gets: a rep's own user when none is given. */
    default String ownerOfNew(String requested) {
        return this instanceof Own own && (requested == null || requested.isBlank()) ? own.user() : requested;
    }

    /**
     * Refuses, in a rep's scope, giving a person to someone else: a rep works their own people and
     * may pick up unowned ones; reassigning is a manager's.
     */
    default void requireMayGiveTo(String owner) {
        if (this instanceof Own own
                && owner != null
                && !owner.isBlank()
                && !owner.strip().equals(own.user())) {
            throw new PermissionDeniedException(
                    ErrorReason.OWNER_NOT_CALLER,
                    "a rep gives people only to themselves (" + own.user() + "), not to " + Excerpts.quoted(owner)
                            + "; a manager or an admin reassigns people");
        }
    }

    /**
     * Refuses giving a person to {@code owner} in this scope: a rep gives people only to themselves
     * ({@link #requireMayGiveTo(String)}), a manager only to themselves and the members of their
     * team; an admin to anyone.
     *
     * @param onTeam whether a user (first) is a member of a team (second), as the tokens say
     */
    default void requireMayGiveTo(String owner, BiPredicate<String, String> onTeam) {
        requireMayGiveTo(owner);
        if (this instanceof Team team && owner != null && !owner.isBlank()) {
            String to = owner.strip();
            if (!to.equals(team.user()) && !onTeam.test(to, team.team())) {
                throw new PermissionDeniedException(
                        ErrorReason.OWNER_NOT_IN_TEAM,
                        "a manager gives people only to themselves and the members of their team (" + team.team()
                                + "), and " + Excerpts.quoted(owner) + " is not one of them (no token of team "
                                + team.team() + " names them); an admin reassigns people across teams");
            }
        }
    }
}
