package io.hearth.core.touch;

import io.hearth.core.contact.ContactRules;
import io.hearth.core.contact.Contacts;
import io.hearth.core.contact.LeadConversion;
import io.hearth.core.lead.LeadFixtures;
import io.hearth.core.lead.Leads;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqCadenceStore;
import io.hearth.core.persistence.JooqContactStore;
import io.hearth.core.persistence.JooqFollowUpStatsStore;
import io.hearth.core.persistence.JooqFollowUpStore;
import io.hearth.core.persistence.JooqQueueStore;
import io.hearth.core.persistence.JooqTouchStore;
import io.hearth.core.persistence.Transactor;
import io.hearth.core.person.PhoneNumbers;
import io.hearth.core.queue.WorkQueue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The lead, contact and follow-up use cases wired on one test database, as the server wires them:
 * contacts are placed in the work queue by their follow-ups (leads are not rated here).
 */
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
        return on(database, clock, policy, observers, LeadFixtures.leads(database, clock));
    }

    /** With {@code leads} wired elsewhere, e.g. rated and queued. */
    public static Hearth on(
            Database database, Clock clock, CadencePolicy policy, List<TouchObserver> observers, Leads leads) {
        Transactor transactor = new Transactor(database.dsl());
        JooqContactStore contactStore = new JooqContactStore(database.dsl());
        JooqTouchStore touches = new JooqTouchStore(database.dsl());
        JooqFollowUpStore followUpStore = new JooqFollowUpStore(database.dsl());
        JooqCadenceStore cadences = new JooqCadenceStore(database.dsl());
        JooqQueueStore queueStore = new JooqQueueStore(database.dsl());
        ContactQueue contactQueue =
                new ContactQueue(contactStore, new CadenceStandings(cadences, followUpStore, policy), queueStore);
        Contacts contacts = new Contacts(
                contactStore,
                transactor,
                new ContactRules(new PhoneNumbers("US")),
                clock,
                LeadFixtures.duplicateGuard(database),
                List.of(contactQueue));
        CadenceRules rules = new CadenceRules(policy);
        LeadConversion conversion = new LeadConversion(
                leads, contactStore, touches, followUpStore, cadences, rules, transactor, clock, List.of(contactQueue));
        List<TouchObserver> all = new ArrayList<>(observers);
        all.add(contactQueue);
        FollowUps followUps = new FollowUps(
                leads, contacts, conversion, touches, followUpStore, cadences, rules, transactor, clock, all);
        return new Hearth(
                leads,
                contacts,
                conversion,
                followUps,
                new FollowUpStatsReport(new JooqFollowUpStatsStore(database.dsl()), transactor),
                new WorkQueue(queueStore, clock));
    }
}
