package io.hearth.core.opportunity;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.Scope;
import io.hearth.core.query.PageToken;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A resolved opportunity list request, of the deals the caller may see.
 *
 * @param closeFrom the earliest expected close date listed, or {@code null}
 * @param closeTo the latest expected close date listed (inclusive), or {@code null}
 */
public record OpportunityQuery(
        OpportunityFilter filter,
        LocalDate closeFrom,
        LocalDate closeTo,
        boolean includeArchived,
        OpportunityOrder order,
        int pageSize,
        Optional<PageToken> after,
        Scope scope) {
    public OpportunityQuery {
        requireNonNull(filter, "filter is null");
        requireNonNull(order, "order is null");
        requireNonNull(after, "after is null");
        requireNonNull(scope, "scope is null");
    }

    /** Identifies the query apart from paging, so a page token only continues the query that made it. */
    public static String fingerprint(
            OpportunityFilter filter,
            LocalDate closeFrom,
            LocalDate closeTo,
            boolean includeArchived,
            OpportunityOrder order) {
        return PageToken.fingerprint("opportunities|" + filter.canonical() + "|from=" + closeFrom + "|to=" + closeTo
                + "|archived=" + includeArchived + "|order=" + order.canonical());
    }

    public String fingerprint() {
        return fingerprint(filter, closeFrom, closeTo, includeArchived, order);
    }
}
