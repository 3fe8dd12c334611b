package io.hearth.core.queue;

import io.hearth.core.lead.LeadFixtures;
import io.hearth.core.lead.Leads;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqLeadProfileStore;
import io.hearth.core.persistence.JooqLeadStore;
import io.hearth.core.persistence.JooqQueueStore;
import io.hearth.core.persistence.Transactor;
import io.hearth.core.priority.LeadRatings;
import io.hearth.core.priority.RuleProbability;
import io.hearth.core.priority.SpeedToLeadPolicy;
import io.hearth.core.priority.TemperatureModel;
import io.hearth.core.priority.TemperaturePolicy;
import java.time.Clock;
import java.util.List;

/** Leads, ratings and the work queue wired on one database, as the server wires them. */
public record QueueFixture(Leads leads, LeadRatings ratings, WorkQueue queue) {
    public static QueueFixture on(Database database, Clock clock) {
        JooqLeadStore leadStore = new JooqLeadStore(database.dsl());
        Transactor transactor = new Transactor(database.dsl());
        LeadRatings ratings = new LeadRatings(leadStore, new JooqLeadProfileStore(database.dsl()),
                new JooqQueueStore(database.dsl()), transactor,
                new TemperatureModel(TemperaturePolicy.DEFAULT, new RuleProbability(), clock),
                SpeedToLeadPolicy.DEFAULT, clock);
        Leads leads = new Leads(leadStore, transactor, LeadFixtures.rules(), clock, List.of(ratings));
        return new QueueFixture(leads, ratings, new WorkQueue(new JooqQueueStore(database.dsl()), clock));
    }
}
