package io.hearth.core.queue;

import io.hearth.core.lead.LeadFixtures;
import io.hearth.core.lead.LeadId;
import io.hearth.core.lead.Leads;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqCadenceStore;
import io.hearth.core.persistence.JooqFollowUpStore;
import io.hearth.core.persistence.JooqLeadProfileStore;
import io.hearth.core.persistence.JooqLeadStore;
import io.hearth.core.persistence.JooqMissedDeadlineStore;
import io.hearth.core.persistence.JooqQueueStore;
import io.hearth.core.persistence.Transactor;
import io.hearth.core.priority.LeadRatings;
import io.hearth.core.priority.ProbabilityModel;
import io.hearth.core.priority.RuleProbability;
import io.hearth.core.priority.SpeedToLeadPolicy;
import io.hearth.core.priority.SpeedToLeadReport;
import io.hearth.core.priority.TemperatureModel;
import io.hearth.core.priority.TemperaturePolicy;
import io.hearth.core.touch.CadencePolicy;
import io.hearth.core.touch.CadenceStandings;
import io.hearth.core.touch.PersonRef;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/** Leads, ratings, the work queue and the speed-to-lead report wired on one database, as the server wires them. */
public record QueueFixture(Leads leads, LeadRatings ratings, WorkQueue queue, SpeedToLeadReport speedToLead) {
    public static QueueFixture on(Database database, Clock clock) {
        return on(database, clock, new RuleProbability());
    }

    /** As the server wires it: leads in drip or unsubscribed leave the queue, a scheduled step is waited for. */
    public static QueueFixture withCadences(Database database, Clock clock) {
        CadenceStandings standings = new CadenceStandings(
                new JooqCadenceStore(database.dsl()), new JooqFollowUpStore(database.dsl()), CadencePolicy.DEFAULT);
        return on(database, clock, new RuleProbability(), id -> standings.of(PersonRef.of(id)));
    }

    /** With {@code probability} as the model's probability to close. */
    public static QueueFixture on(Database database, Clock clock, ProbabilityModel probability) {
        return on(database, clock, probability, id -> CadenceStanding.NONE);
    }

    private static QueueFixture on(
            Database database, Clock clock, ProbabilityModel probability, Function<LeadId, CadenceStanding> cadences) {
        JooqLeadStore leadStore = new JooqLeadStore(database.dsl());
        Transactor transactor = new Transactor(database.dsl());
        JooqLeadProfileStore profiles = new JooqLeadProfileStore(database.dsl());
        JooqMissedDeadlineStore missed = new JooqMissedDeadlineStore(database.dsl());
        LeadRatings ratings = new LeadRatings(
                leadStore,
                profiles,
                missed,
                new JooqQueueStore(database.dsl()),
                transactor,
                new TemperatureModel(TemperaturePolicy.DEFAULT, probability, clock),
                SpeedToLeadPolicy.DEFAULT,
                clock,
                cadences);
        Leads leads = new Leads(
                leadStore,
                transactor,
                LeadFixtures.rules(),
                clock,
                LeadFixtures.duplicateGuard(database),
                List.of(ratings));
        return new QueueFixture(
                leads,
                ratings,
                new WorkQueue(new JooqQueueStore(database.dsl()), clock),
                new SpeedToLeadReport(profiles, missed, SpeedToLeadPolicy.DEFAULT, clock));
    }
}
