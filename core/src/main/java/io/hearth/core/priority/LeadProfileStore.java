package io.hearth.core.priority;

import io.hearth.core.person.LeadId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Where lead profiles are kept. Calls join the caller's transaction when one is open. */
public interface LeadProfileStore {
    Optional<LeadProfile> find(LeadId leadId);

    /**
     * Stores the profile if its row is still at {@code profile.version()} (0: inserts it), bumping
     * the row's version. Returns {@code false}, writing nothing, when another writer changed or
     * created the row since it was read.
     */
    boolean save(LeadProfile profile);

    /** Inserts the first profiles of leads that have none yet (a sync's new leads), as one batch. */
    void insertAll(Collection<LeadProfile> profiles);

    /**
     * Takes the profile row's write lock until the transaction ends, so the next read and save in
     * this transaction cannot lose a race; does nothing when the lead has no profile yet.
     */
    void lock(LeadId leadId);

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

    /**
     * Leads still worked by hand (not archived, not converted, not handed to drip or unsubscribed),
     * in id order after {@code after} ({@code null}: from the first).
     */
    List<LeadId> openLeadsAfter(LeadId after, int limit);
}
