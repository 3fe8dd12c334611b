package io.hearth.core.auth;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.Scope;
import java.util.Optional;

/**
 * Who a call acts for, as its token says: the user, their role and team, and the token that proved
 * it (for the audit that names the token of every change).
 */
public record Principal(String user, Role role, Optional<String> team, String tokenId) {
    public Principal {
        requireNonNull(user, "user is null");
        requireNonNull(role, "role is null");
        requireNonNull(team, "team is null");
        requireNonNull(tokenId, "tokenId is null");
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /**
     * The people this caller may see and change: a rep their own, a manager their team's (their own
     * without a team), an admin everyone's.
     */
    public Scope scope() {
        return switch (role) {
            case ADMIN -> Scope.EVERYONE;
            case MANAGER -> team.<Scope>map(t -> new Scope.Team(t, user)).orElseGet(() -> new Scope.Own(user));
            case REP -> new Scope.Own(user);
        };
    }
}
