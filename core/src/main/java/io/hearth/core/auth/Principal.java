package io.hearth.core.auth;

import static java.util.Objects.requireNonNull;

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
}
