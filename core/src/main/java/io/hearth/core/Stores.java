package io.hearth.core;

import static java.util.Objects.requireNonNull;

import io.hearth.core.auth.ApiTokenStore;
import io.hearth.core.contact.ContactStore;
import io.hearth.core.dedup.LeadMergeStore;
import io.hearth.core.dedup.PersonMatchStore;
import io.hearth.core.lead.LeadStore;
import io.hearth.core.persistence.JooqApiTokenStore;
import io.hearth.core.persistence.JooqCadenceStore;
import io.hearth.core.persistence.JooqConnectionStore;
import io.hearth.core.persistence.JooqContactStore;
import io.hearth.core.persistence.JooqFollowUpStatsStore;
import io.hearth.core.persistence.JooqFollowUpStore;
import io.hearth.core.persistence.JooqLeadMergeStore;
import io.hearth.core.persistence.JooqLeadProfileStore;
import io.hearth.core.persistence.JooqLeadStore;
import io.hearth.core.persistence.JooqMissedDeadlineStore;
import io.hearth.core.persistence.JooqPersonMatchStore;
import io.hearth.core.persistence.JooqQueueStore;
import io.hearth.core.persistence.JooqSyncRunStore;
import io.hearth.core.persistence.JooqTouchStore;
import io.hearth.core.priority.LeadProfileStore;
import io.hearth.core.priority.MissedDeadlineStore;
import io.hearth.core.queue.QueueStore;
import io.hearth.core.sync.ConnectionStore;
import io.hearth.core.sync.SyncRunStore;
import io.hearth.core.touch.CadenceStore;
import io.hearth.core.touch.FollowUpStatsStore;
import io.hearth.core.touch.FollowUpStore;
import io.hearth.core.touch.ShownContactStore;
import io.hearth.core.touch.ShownLeadStore;
import io.hearth.core.touch.TouchStore;
import org.jooq.DSLContext;

/**
 * Every store port the use cases write and read through. {@link #jooq} gives the real ones; a
 * benchmark may wrap them (to time each store) before {@link HearthCore} wires them.
 */
public record Stores(
        LeadStore leads,
        ContactStore contacts,
        PersonMatchStore matches,
        LeadMergeStore merges,
        LeadProfileStore profiles,
        MissedDeadlineStore missedDeadlines,
        QueueStore queue,
        TouchStore touches,
        FollowUpStore followUps,
        CadenceStore cadences,
        FollowUpStatsStore followUpStats,
        SyncRunStore syncRuns,
        ConnectionStore connections,
        ApiTokenStore apiTokens,
        ShownLeadStore shownLeads,
        ShownContactStore shownContacts) {
    public Stores {
        requireNonNull(leads, "leads is null");
        requireNonNull(contacts, "contacts is null");
        requireNonNull(matches, "matches is null");
        requireNonNull(merges, "merges is null");
        requireNonNull(profiles, "profiles is null");
        requireNonNull(missedDeadlines, "missedDeadlines is null");
        requireNonNull(queue, "queue is null");
        requireNonNull(touches, "touches is null");
        requireNonNull(followUps, "followUps is null");
        requireNonNull(cadences, "cadences is null");
        requireNonNull(followUpStats, "followUpStats is null");
        requireNonNull(syncRuns, "syncRuns is null");
        requireNonNull(connections, "connections is null");
        requireNonNull(apiTokens, "apiTokens is null");
        requireNonNull(shownLeads, "shownLeads is null");
        requireNonNull(shownContacts, "shownContacts is null");
    }

    /** The jOOQ stores of one database. */
    public static Stores jooq(DSLContext dsl) {
        JooqLeadStore leads = new JooqLeadStore(dsl);
        JooqContactStore contacts = new JooqContactStore(dsl);
        return new Stores(
                leads,
                contacts,
                new JooqPersonMatchStore(dsl),
                new JooqLeadMergeStore(dsl),
                new JooqLeadProfileStore(dsl),
                new JooqMissedDeadlineStore(dsl),
                new JooqQueueStore(dsl),
                new JooqTouchStore(dsl),
                new JooqFollowUpStore(dsl),
                new JooqCadenceStore(dsl),
                new JooqFollowUpStatsStore(dsl),
                new JooqSyncRunStore(dsl),
                new JooqConnectionStore(dsl),
                new JooqApiTokenStore(dsl),
                leads,
                contacts);
    }

    public Stores withMatches(PersonMatchStore matches) {
        return new Stores(
                leads,
                contacts,
                matches,
                merges,
                profiles,
                missedDeadlines,
                queue,
                touches,
                followUps,
                cadences,
                followUpStats,
                syncRuns,
                connections,
                apiTokens,
                shownLeads,
                shownContacts);
    }

    public Stores withSyncRuns(SyncRunStore syncRuns) {
        return new Stores(
                leads,
                contacts,
                matches,
                merges,
                profiles,
                missedDeadlines,
                queue,
                touches,
                followUps,
                cadences,
                followUpStats,
                syncRuns,
                connections,
                apiTokens,
                shownLeads,
                shownContacts);
    }
}
