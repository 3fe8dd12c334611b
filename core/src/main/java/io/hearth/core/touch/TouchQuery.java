package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.PersonRef;
import io.hearth.core.person.Scope;
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
        PersonRef person,
        String performedBy,
        Instant from,
        Instant to,
        int pageSize,
        Optional<PageToken> after,
        Scope scope) {
    public TouchQuery {
        requireNonNull(scope, "scope is null");
        requireNonNull(after, "after is null");
    }

    public static String fingerprint(PersonRef person, String performedBy, Instant from, Instant to) {
        return PageToken.fingerprint("touches|" + person + "|" + performedBy + "|" + from + "|" + to);
    }

    public String fingerprint() {
        return fingerprint(person, performedBy, from, to);
    }
}
