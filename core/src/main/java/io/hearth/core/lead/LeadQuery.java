package io.hearth.core.lead;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.Scope;
import io.hearth.core.query.PageToken;
import java.time.Instant;
import java.util.Optional;

/**
 * A resolved list request: conditions, order, page size, where the previous page stopped, and the
 * people the caller may see.
 */
public record LeadQuery(
        LeadFilter filter,
        LeadOrder order,
        boolean includeArchived,
        int pageSize,
        Optional<PageToken> after,
        Scope scope,
        Instant now) {

    public LeadQuery {
        requireNonNull(scope, "scope is null");
        requireNonNull(filter, "filter is null");
        requireNonNull(order, "order is null");
        requireNonNull(after, "after is null");
        requireNonNull(now, "now is null");
    }

    /** Identifies the query apart from paging, so a page token only continues the query that made it. */
    public static String fingerprint(LeadFilter filter, LeadOrder order, boolean includeArchived) {
        return PageToken.fingerprint("leads|" + filter.canonical() + "|" + order + "|archived=" + includeArchived);
    }

    public String fingerprint() {
        return fingerprint(filter, order, includeArchived);
    }
}
