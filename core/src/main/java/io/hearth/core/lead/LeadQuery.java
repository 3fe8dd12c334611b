package io.hearth.core.lead;

import static java.util.Objects.requireNonNull;

import io.hearth.core.query.PageToken;
import java.util.Optional;

/** A resolved list request: conditions, order, page size and where the previous page stopped. */
public record LeadQuery(
        LeadFilter filter, LeadOrder order, boolean includeArchived, int pageSize, Optional<PageToken> after) {

    public LeadQuery {
        requireNonNull(filter, "filter is null");
        requireNonNull(order, "order is null");
        requireNonNull(after, "after is null");
    }

    /** Identifies the query apart from paging, so a page token only continues the query that made it. */
    public static String fingerprint(LeadFilter filter, LeadOrder order, boolean includeArchived) {
        return PageToken.fingerprint("leads|" + filter.canonical() + "|" + order + "|archived=" + includeArchived);
    }

    public String fingerprint() {
        return fingerprint(filter, order, includeArchived);
    }
}
