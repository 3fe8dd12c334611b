package io.hearth.core.auth;

import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.Violations;
import io.hearth.core.resource.ControlCharacters;
import java.time.Duration;
import java.util.Optional;

/** What a token request and a configured admin token must be. */
public final class TokenRules {
    public static final int MAX_NAME_LENGTH = 100;
    public static final Duration MIN_LIFETIME = Duration.ofMinutes(1);
    public static final Duration MAX_LIFETIME = Duration.ofDays(5 * 366);
    /** A configured admin token at least this long: as hard to guess as a generated one. */
    public static final int MIN_CONFIGURED_LENGTH = 32;
    /** Longer is no safer, and the token travels in a header on every call. */
    public static final int MAX_TOKEN_LENGTH = 256;

    private TokenRules() {}

    /**
     * The request with its names stripped.
     *
     * @throws InvalidArgumentException naming every bad field (user, role, team, expires_in)
     */
    public static NewToken check(NewToken request) {
        Violations violations = new Violations();
        String user = request.user().strip();
        if (user.isEmpty()) {
            violations.add("user", "is required: the name of the person the token is for");
        } else {
            name(user, "user", violations);
        }
        if (request.role() == null) {
            violations.add("role", "is required: rep, manager or admin");
        }
        Optional<String> team = request.team().map(String::strip).filter(t -> !t.isEmpty());
        team.ifPresent(t -> name(t, "team", violations));
        if (request.role() == Role.MANAGER && team.isEmpty()) {
            violations.add("team", "is required for a manager: a manager sees everything of one team");
        }
        request.expiresIn().ifPresent(lifetime -> {
            if (lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
                violations.add("expires_in", "must be between 1 minute and 5 years, got " + lifetime);
            }
        });
        violations.throwIfAny();
        return new NewToken(user, request.role(), team, request.expiresIn());
    }

    /**
     * Why the admin token the server is configured with cannot be used, or empty when it can. The
     * message never quotes the token.
     */
    public static Optional<String> configuredProblem(String token) {
        if (token.length() < MIN_CONFIGURED_LENGTH || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.of("the admin token must be " + MIN_CONFIGURED_LENGTH + " to " + MAX_TOKEN_LENGTH
                    + " characters long, it has " + token.length()
                    + "; make one with: echo hth_$(openssl rand -hex 32)");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c > '~') {
                return Optional.of("the admin token must be printable ASCII without spaces (it travels in an "
                        + "HTTP header), character " + (i + 1) + " is not");
            }
        }
        return Optional.empty();
    }

    private static void name(String value, String field, Violations violations) {
        if (value.length() > MAX_NAME_LENGTH) {
            violations.add(field, "must be at most " + MAX_NAME_LENGTH + " characters, got " + value.length());
        }
        String problem = ControlCharacters.lineProblem(value);
        if (problem != null) {
            violations.add(field, problem);
        }
    }
}
