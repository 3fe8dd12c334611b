package io.hearth.core.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A token as it is listed: who holds it and whether it still works. Neither the token nor its hash
 * is part of it, so no listing, log line or error can carry either.
 *
 * @param createdBy the user of the admin token that made it, or {@link #CONFIGURED} for the admin
 *     token the server was started with
 */
public record ApiToken(
        String id,
        String user,
        Role role,
        Optional<String> team,
        Instant createdAt,
        String createdBy,
        Optional<Instant> expiresAt,
        Optional<Instant> revokedAt) {
    /** The id of the admin token set at start ({@code HEARTH_ADMIN_TOKEN}, {@code --admin-token-file}). */
    public static final String CONFIGURED_ADMIN_ID = "admin";
    /** {@link #createdBy} of the admin token set at start. */
    public static final String CONFIGURED = "server configuration";

    public ApiToken {
        requireNonNull(id, "id is null");
        requireNonNull(user, "user is null");
        requireNonNull(role, "role is null");
        requireNonNull(team, "team is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(expiresAt, "expiresAt is null");
        requireNonNull(revokedAt, "revokedAt is null");
    }

    /** Neither revoked nor expired at {@code now}. */
    public boolean validAt(Instant now) {
        return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
    }

    public Principal principal() {
        return new Principal(user, role, team, id);
    }

    public ApiToken revoked(Instant at) {
        return new ApiToken(id, user, role, team, createdAt, createdBy, expiresAt, Optional.of(at));
    }
}
