package io.hearth.core.opportunity;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Which deal each of a connector's deal records is: the deals' counterpart of the people's
 * external-id links. Calls join the caller's transaction.
 */
public interface DealLinkStore {
    /** The deals these external ids of {@code connector} were linked to, by external id. */
    Map<String, OpportunityId> linked(String connector, Collection<String> externalIds);

    /** Links each external id of {@code connector} to its deal; an id linked already is an error. */
    void link(String connector, Map<String, OpportunityId> externalIds, Instant at);

    /** The id in {@code connector} of each of these deals it links, the smallest when it links several. */
    Map<OpportunityId, String> externalIds(String connector, Collection<OpportunityId> deals);
}
