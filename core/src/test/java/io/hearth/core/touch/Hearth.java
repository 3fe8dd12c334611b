package io.hearth.core.touch;

import io.hearth.core.HearthCore;
import io.hearth.core.app.Contacts;
import io.hearth.core.app.FollowUpStatsReport;
import io.hearth.core.app.FollowUps;
import io.hearth.core.app.LeadConversion;
import io.hearth.core.app.Leads;
import io.hearth.core.persistence.Database;
import io.hearth.core.priority.RuleProbability;
import io.hearth.core.queue.WorkQueue;
import java.time.Clock;
import java.util.List;

/** The lead, contact and follow-up use cases of one {@link HearthCore}, wired as the server wires them. */
public record Hearth(
        Leads leads,
        Contacts contacts,
        LeadConversion conversion,
        FollowUps followUps,
        FollowUpStatsReport stats,
        WorkQueue queue) {

    public static Hearth on(Database database, Clock clock, CadencePolicy policy) {
        return on(database, clock, policy, List.of());
    }

    public static Hearth on(Database database, Clock clock, CadencePolicy policy, List<TouchObserver> observers) {
        return of(HearthCore.on(database)
                .clock(clock)
                .cadencePolicy(policy)
                .probability(new RuleProbability())
                .touchObservers(observers)
                .build());
    }

    public static Hearth of(HearthCore core) {
        return new Hearth(
                core.leads(),
                core.contacts(),
                core.conversion(),
                core.followUps(),
                core.followUpStats(),
                core.workQueue());
    }
}
