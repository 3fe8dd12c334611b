package io.hearth.core.queue;

import io.hearth.core.HearthCore;
import io.hearth.core.app.LeadQualifications;
import io.hearth.core.app.LeadRatings;
import io.hearth.core.app.Leads;
import io.hearth.core.app.TemperatureOverrides;
import io.hearth.core.persistence.Database;
import io.hearth.core.priority.ProbabilityModel;
import io.hearth.core.priority.RuleProbability;
import io.hearth.core.priority.SpeedToLeadReport;
import java.time.Clock;

/** Leads, ratings, the work queue and the speed-to-lead report of one {@link HearthCore}, as the server wires them. */
public record QueueFixture(
        Leads leads,
        LeadRatings ratings,
        LeadQualifications qualifications,
        TemperatureOverrides overrides,
        WorkQueue queue,
        SpeedToLeadReport speedToLead) {
    public static QueueFixture on(Database database, Clock clock) {
        return on(database, clock, new RuleProbability());
    }

    /** With {@code probability} as the model's probability to close. */
    public static QueueFixture on(Database database, Clock clock, ProbabilityModel probability) {
        return of(HearthCore.on(database).clock(clock).probability(probability).build());
    }

    public static QueueFixture of(HearthCore core) {
        return new QueueFixture(
                core.leads(),
                core.ratings(),
                core.qualifications(),
                core.overrides(),
                core.workQueue(),
                core.speedToLead());
    }
}
