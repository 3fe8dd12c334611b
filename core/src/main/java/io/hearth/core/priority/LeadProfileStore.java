package io.hearth.core.priority;

import io.hearth.core.lead.LeadId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Where lead profiles are kept. Calls join the caller's transaction when one is open. */
public interface LeadProfileStore {
    Optional<LeadProfile> find(LeadId leadId);

    /** The stored profiles of those of {@code leadIds} that have one. */
    Map<LeadId, LeadProfile> findAll(Collection<LeadId> leadIds);

    /** Inserts or replaces the profile of its lead. */
    void save(LeadProfile profile);

    /**
     * Inserts or replaces many profiles at once.
     *
     * @param stored the leads among them that already have a stored profile
     */
    void saveAll(Collection<LeadProfile> profiles, Set<LeadId> stored);

    /**
     * Inbound leads (those with a response deadline) that arrived in [{@code from}, {@code to}).
     *
     * @param owner one rep's leads, or {@code null} for the team
     */
    List<InboundArrival> inboundArrivals(String owner, Instant from, Instant to);

    /**
     * The most recently closed leads: converted ones (won) and unqualified ones (lost), with the
     * signals and grade their profile last held, newest first.
     */
    List<ClosedLead> closedLeads(int limit);

    /** Leads whose rating time has caught up with, oldest first. */
    List<LeadId> ratingsExpiredBy(Instant now, int limit);
}
