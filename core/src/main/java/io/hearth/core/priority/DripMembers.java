package io.hearth.core.priority;

import io.hearth.core.lead.LeadId;
import java.util.Collection;
import java.util.Set;

/**
 * Which leads their cadence handed to a drip campaign (or who unsubscribed): such leads are
 * nurtured at low intensity, not worked by hand, so they stay out of the queue.
 */
@FunctionalInterface
public interface DripMembers {
    DripMembers NONE = leads -> Set.of();

    /** Those of {@code leads} that are in drip. */
    Set<LeadId> among(Collection<LeadId> leads);

    default boolean contains(LeadId lead) {
        return among(Set.of(lead)).contains(lead);
    }
}
