package io.hearth.server;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.hearth.core.contact.ContactRules;
import io.hearth.core.contact.ContactStore;
import io.hearth.core.contact.Contacts;
import io.hearth.core.contact.LeadConversion;
import io.hearth.core.dedup.DuplicateGuard;
import io.hearth.core.dedup.LeadMerges;
import io.hearth.core.dedup.PersonMatchStore;
import io.hearth.core.lead.LeadRules;
import io.hearth.core.lead.LeadStore;
import io.hearth.core.lead.Leads;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqCadenceStore;
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
import io.hearth.core.persistence.Transactor;
import io.hearth.core.person.PhoneNumbers;
import io.hearth.core.priority.LeadProfileStore;
import io.hearth.core.priority.LeadRatings;
import io.hearth.core.priority.LearnedProbability;
import io.hearth.core.priority.MissedDeadlineStore;
import io.hearth.core.priority.RuleProbability;
import io.hearth.core.priority.SpeedToLeadPolicy;
import io.hearth.core.priority.SpeedToLeadReport;
import io.hearth.core.priority.TemperatureModel;
import io.hearth.core.priority.TemperaturePolicy;
import io.hearth.core.queue.QueueStore;
import io.hearth.core.queue.WorkQueue;
import io.hearth.core.sync.ConnectorRegistry;
import io.hearth.core.sync.ImportFolder;
import io.hearth.core.sync.PeopleExporter;
import io.hearth.core.sync.RetryPolicy;
import io.hearth.core.sync.SyncEngine;
import io.hearth.core.sync.SyncSettings;
import io.hearth.core.sync.SyncedContacts;
import io.hearth.core.touch.CadencePolicy;
import io.hearth.core.touch.CadenceRules;
import io.hearth.core.touch.CadenceStandings;
import io.hearth.core.touch.CadenceStore;
import io.hearth.core.touch.ContactQueue;
import io.hearth.core.touch.FollowUpStatsReport;
import io.hearth.core.touch.FollowUpStore;
import io.hearth.core.touch.FollowUps;
import io.hearth.core.touch.LeadActivityRecorder;
import io.hearth.core.touch.PersonRef;
import io.hearth.core.touch.TouchStore;
import io.hearth.server.config.CadenceConfig;
import io.hearth.server.config.ImportConfig;
import io.hearth.server.config.ServerConfig;
import io.hearth.server.grpc.GrpcCallGuard;
import java.time.Clock;
import java.util.List;

/** The domain: rules, stores and use cases over one open database. */
public final class CoreModule extends AbstractModule {
    private final ServerConfig config;
    private final Database database;
    private final Clock clock;

    public CoreModule(ServerConfig config, Database database, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    protected void configure() {
        bind(ServerConfig.class).toInstance(config);
        bind(ImportConfig.class).toInstance(config.imports());
        bind(Database.class).toInstance(database);
        bind(Clock.class).toInstance(clock);
    }

    /** Guarded by the calls' gRPC contexts: the work of a client that gave up neither begins nor commits. */
    @Provides
    @Singleton
    Transactor transactor(Database db) {
        return new Transactor(db.dsl(), new GrpcCallGuard());
    }

    @Provides
    @Singleton
    LeadStore leadStore(Database db) {
        return new JooqLeadStore(db.dsl());
    }

    @Provides
    @Singleton
    PhoneNumbers phoneNumbers(ServerConfig serverConfig) {
        return new PhoneNumbers(serverConfig.phoneRegion());
    }

    @Provides
    @Singleton
    LeadRules leadRules(PhoneNumbers phoneNumbers) {
        return new LeadRules(phoneNumbers);
    }

    @Provides
    @Singleton
    ContactRules contactRules(PhoneNumbers phoneNumbers) {
        return new ContactRules(phoneNumbers);
    }

    @Provides
    @Singleton
    Leads leads(
            LeadStore store,
            Transactor transactor,
            LeadRules rules,
            Clock time,
            DuplicateGuard duplicates,
            LeadRatings ratings) {
        return new Leads(store, transactor, rules, time, duplicates, List.of(ratings));
    }

    @Provides
    @Singleton
    LeadMerges leadMerges(
            Leads leads,
            Contacts contacts,
            Database db,
            LeadProfileStore profiles,
            TouchStore touches,
            FollowUpStore followUps,
            CadenceStore cadences,
            Transactor transactor,
            Clock time) {
        return new LeadMerges(
                leads,
                contacts,
                new JooqLeadMergeStore(db.dsl()),
                profiles,
                touches,
                followUps,
                cadences,
                transactor,
                time);
    }

    @Provides
    @Singleton
    PersonMatchStore personMatchStore(Database db) {
        return new JooqPersonMatchStore(db.dsl());
    }

    @Provides
    @Singleton
    DuplicateGuard duplicateGuard(PersonMatchStore matches) {
        return new DuplicateGuard(matches, SpeedToLeadPolicy.DEFAULT.inboundSources());
    }

    /**
     * The built-in connectors (on the server's class path) plus the jars in {@code <data-dir>/plugins/},
     * each jar in a class loader of its own; two connectors with one name stop the start-up.
     */
    @Provides
    @Singleton
    ConnectorRegistry connectors(ServerConfig serverConfig) {
        return ConnectorRegistry.discover(
                CoreModule.class.getClassLoader(), serverConfig.dataDir().resolve("plugins"));
    }

    /**
     * Synced leads are rated and queued like hand-made ones, and synced contacts re-queued, in the
     * transaction of their batch.
     */
    @Provides
    @Singleton
    SyncEngine syncEngine(
            ConnectorRegistry connectors,
            Database db,
            PersonMatchStore matches,
            LeadStore leadStore,
            LeadRules rules,
            ContactStore contactStore,
            ContactRules contactRules,
            ContactQueue contactQueue,
            Transactor transactor,
            Clock time,
            LeadRatings ratings) {
        return new SyncEngine(
                connectors,
                new JooqSyncRunStore(db.dsl()),
                matches,
                leadStore,
                rules,
                List.of(ratings),
                new SyncedContacts(contactStore, contactRules, List.of(contactQueue)),
                transactor,
                time,
                RetryPolicy.DEFAULT,
                new SyncSettings(new ImportFolder(config.imports().importsDir()), SyncSettings.DEFAULT_LEASE));
    }

    @Provides
    @Singleton
    PeopleExporter peopleExporter(ConnectorRegistry connectors, Leads leads, Contacts contacts) {
        return new PeopleExporter(connectors, leads, contacts);
    }

    @Provides
    @Singleton
    QueueStore queueStore(Database db) {
        return new JooqQueueStore(db.dsl());
    }

    @Provides
    @Singleton
    LeadProfileStore leadProfileStore(Database db) {
        return new JooqLeadProfileStore(db.dsl());
    }

    @Provides
    @Singleton
    MissedDeadlineStore missedDeadlineStore(Database db) {
        return new JooqMissedDeadlineStore(db.dsl());
    }

    @Provides
    @Singleton
    LearnedProbability learnedProbability(LeadProfileStore profiles) {
        // the rules until the team has closed enough leads to learn from; RatingRefresher retrains it
        return new LearnedProbability(profiles, new RuleProbability());
    }

    @Provides
    @Singleton
    LeadRatings leadRatings(
            LeadStore store,
            LeadProfileStore profiles,
            MissedDeadlineStore missedDeadlines,
            QueueStore queue,
            Transactor transactor,
            CadenceStandings standings,
            LearnedProbability probability,
            Clock time) {
        TemperatureModel model = new TemperatureModel(TemperaturePolicy.DEFAULT, probability, time);
        return new LeadRatings(
                store,
                profiles,
                missedDeadlines,
                queue,
                transactor,
                model,
                SpeedToLeadPolicy.DEFAULT,
                time,
                id -> standings.of(PersonRef.of(id)));
    }

    /** Drip and scheduled follow-ups, as the queue places leads and contacts by them. */
    @Provides
    @Singleton
    CadenceStandings cadenceStandings(CadenceStore cadences, FollowUpStore followUps, CadencePolicy policy) {
        return new CadenceStandings(cadences, followUps, policy);
    }

    /** Contacts enter the queue with their due follow-ups; every contact and follow-up write re-places them. */
    @Provides
    @Singleton
    ContactQueue contactQueue(ContactStore contacts, CadenceStandings standings, QueueStore queue) {
        return new ContactQueue(contacts, standings, queue);
    }

    @Provides
    @Singleton
    SpeedToLeadReport speedToLeadReport(LeadProfileStore profiles, MissedDeadlineStore missedDeadlines, Clock time) {
        return new SpeedToLeadReport(profiles, missedDeadlines, SpeedToLeadPolicy.DEFAULT, time);
    }

    @Provides
    @Singleton
    WorkQueue workQueue(QueueStore queue, Clock time) {
        return new WorkQueue(queue, time);
    }

    @Provides
    @Singleton
    ContactStore contactStore(Database db) {
        return new JooqContactStore(db.dsl());
    }

    @Provides
    @Singleton
    TouchStore touchStore(Database db) {
        return new JooqTouchStore(db.dsl());
    }

    @Provides
    @Singleton
    FollowUpStore followUpStore(Database db) {
        return new JooqFollowUpStore(db.dsl());
    }

    @Provides
    @Singleton
    CadenceStore cadenceStore(Database db) {
        return new JooqCadenceStore(db.dsl());
    }

    @Provides
    @Singleton
    Contacts contacts(
            ContactStore store,
            Transactor transactor,
            ContactRules rules,
            Clock time,
            DuplicateGuard duplicates,
            ContactQueue queue) {
        return new Contacts(store, transactor, rules, time, duplicates, List.of(queue));
    }

    @Provides
    @Singleton
    LeadConversion leadConversion(
            Leads leads,
            ContactStore contacts,
            TouchStore touches,
            FollowUpStore followUps,
            CadenceStore cadences,
            CadenceRules rules,
            Transactor transactor,
            Clock time,
            ContactQueue queue) {
        return new LeadConversion(
                leads, contacts, touches, followUps, cadences, rules, transactor, time, List.of(queue));
    }

    @Provides
    @Singleton
    CadencePolicy cadencePolicy(ServerConfig serverConfig) {
        CadenceConfig cadence = serverConfig.cadence();
        return CadencePolicy.DEFAULT.withLimits(
                cadence.leadFollowUpLimit(), cadence.contactFollowUpLimit(), cadence.autoConvert());
    }

    @Provides
    @Singleton
    CadenceRules cadenceRules(CadencePolicy policy) {
        return new CadenceRules(policy);
    }

    @Provides
    @Singleton
    FollowUps followUps(
            Leads leads,
            Contacts contacts,
            LeadConversion conversion,
            TouchStore touches,
            FollowUpStore followUps,
            CadenceStore cadences,
            CadenceRules rules,
            Transactor transactor,
            Clock time,
            LeadRatings ratings,
            ContactQueue queue) {
        return new FollowUps(
                leads,
                contacts,
                conversion,
                touches,
                followUps,
                cadences,
                rules,
                transactor,
                time,
                List.of(new LeadActivityRecorder(ratings), queue));
    }

    @Provides
    @Singleton
    FollowUpStatsReport followUpStatsReport(Database db, Transactor transactor) {
        return new FollowUpStatsReport(new JooqFollowUpStatsStore(db.dsl()), transactor);
    }
}
