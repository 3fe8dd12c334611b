package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

import io.hearth.core.query.PageToken;
import java.time.Instant;
import java.util.Optional;

/**
 * A resolved touch list request, newest first. Every condition is optional ({@code null}).
 *
 * @param from inclusive
 * @param to exclusive
 */
public record TouchQuery(
        PersonRef person, String performedBy, Instant from, Instant to, int pageSize, Optional<PageToken> after) {
    public TouchQuery {
        requireNonNull(after, "after is null");
    }

    public static String fingerprint(PersonRef person, String performedBy, Instant from, Instant to) {
        return PageToken.fingerprint("touches|" + person + "|" + performedBy + "|" + from + "|" + to);
    }

    public String fingerprint() {
        return fingerprint(person, performedBy, from, to);
    }
}
