package io.hearth.core.auth;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A request for a token as it arrived, checked by {@link TokenRules}: the fields are the request's,
 * so {@code role} may be missing and {@code user} blank.
 *
 * @param expiresIn empty: the token never expires
 */
public record NewToken(String user, Role role, Optional<String> team, Optional<Duration> expiresIn) {
    public NewToken {
        requireNonNull(user, "user is null");
        requireNonNull(team, "team is null");
        requireNonNull(expiresIn, "expiresIn is null");
    }
}
