package io.hearth.core.touch;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.Scope;
import io.hearth.core.query.PageToken;
import java.time.Instant;
import java.util.Optional;

/** Scheduled follow-ups due by {@code asOf}, most overdue first; {@code owner} is optional. */
public record DueQuery(String owner, Instant asOf, int pageSize, Optional<PageToken> after, Scope scope) {
    public DueQuery {
        requireNonNull(scope, "scope is null");
        requireNonNull(asOf, "asOf is null");
        requireNonNull(after, "after is null");
    }

    /** The due time is not part of it: a rep pages through today's list while the clock moves on. */
    public static String fingerprint(String owner) {
        return PageToken.fingerprint("due|" + owner);
    }

    public String fingerprint() {
        return fingerprint(owner);
    }
}
