package io.hearth.core.contact;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.Scope;
import io.hearth.core.query.PageToken;
import java.time.Instant;
import java.util.Optional;

/** A resolved contact list request, ordered by creation time then id, of the people the caller may see. */
public record ContactQuery(
        ContactFilter filter,
        boolean includeArchived,
        int pageSize,
        Optional<PageToken> after,
        Scope scope,
        Instant now) {
    public ContactQuery {
        requireNonNull(scope, "scope is null");
        requireNonNull(filter, "filter is null");
        requireNonNull(after, "after is null");
        requireNonNull(now, "now is null");
    }

    /** Identifies the query apart from paging, so a page token only continues the query that made it. */
    public static String fingerprint(ContactFilter filter, boolean includeArchived) {
        return PageToken.fingerprint("contacts|" + filter.canonical() + "|archived=" + includeArchived);
    }

    public String fingerprint() {
        return fingerprint(filter, includeArchived);
    }
}
