package io.hearth.core.auth;

import static java.util.Objects.requireNonNull;

/**
 * A token just made: the only time the token itself exists outside its holder. {@link #toString}
 * leaves it out, so logging this by mistake leaks nothing.
 */
public record IssuedToken(ApiToken token, String secret) {
    public IssuedToken {
        requireNonNull(token, "token is null");
        requireNonNull(secret, "secret is null");
    }

    @Override
    public String toString() {
        return "IssuedToken[token=" + token + ", secret=…]";
    }
}
