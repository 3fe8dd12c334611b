package io.hearth.core;

import static java.util.Objects.requireNonNull;

import io.hearth.core.app.ApiTokens;
import io.hearth.core.app.AuditLog;
import io.hearth.core.app.Backups;
import io.hearth.core.app.Connections;
import io.hearth.core.app.ContactCadenceBackfill;
import io.hearth.core.app.ContactMerges;
import io.hearth.core.app.Contacts;
import io.hearth.core.app.DealImport;
import io.hearth.core.app.DealQueueBackfill;
import io.hearth.core.app.Escalations;
import io.hearth.core.app.FollowUpStatsReport;
import io.hearth.core.app.FollowUps;
import io.hearth.core.app.LeadActivityRecorder;
import io.hearth.core.app.LeadConversion;
import io.hearth.core.app.LeadMerges;
import io.hearth.core.app.LeadQualifications;
import io.hearth.core.app.LeadRatings;
import io.hearth.core.app.LeadToDealConversion;
import io.hearth.core.app.Leads;
import io.hearth.core.app.OperationalFigures;
import io.hearth.core.app.Opportunities;
import io.hearth.core.app.PeopleExporter;
import io.hearth.core.app.PipelineStatsReport;
import io.hearth.core.app.SourceRemovals;
import io.hearth.core.app.SyncEngine;
import io.hearth.core.app.Teams;
import io.hearth.core.app.TemperatureOverrides;
import io.hearth.core.app.Transactor;
import io.hearth.core.app.WriteBack;
import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.auth.RecentTokens;
import io.hearth.core.contact.ContactObserver;
import io.hearth.core.contact.ContactRules;
import io.hearth.core.dedup.DuplicateGuard;
import io.hearth.core.lead.LeadRules;
import io.hearth.core.lead.LeadWriteStep;
import io.hearth.core.opportunity.OpportunityRules;
import io.hearth.core.opportunity.PipelineStages;
import io.hearth.core.opportunity.Pipelines;
import io.hearth.core.persistence.CallGuard;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.EmbeddedDatabaseBackup;
import io.hearth.core.persistence.JooqAuditStore;
import io.hearth.core.persistence.JooqDealLinkStore;
import io.hearth.core.persistence.JooqEscalationStore;
import io.hearth.core.persistence.JooqOpportunityStore;
import io.hearth.core.persistence.JooqPipelineStatsStore;
import io.hearth.core.persistence.JooqStartPassStore;
import io.hearth.core.persistence.JooqTeamPipelineStore;
import io.hearth.core.persistence.JooqTeamStore;
import io.hearth.core.persistence.JooqTransactor;
import io.hearth.core.persistence.JooqWriteBackStore;
import io.hearth.core.person.PersonRef;
import io.hearth.core.person.PhoneNumbers;
import io.hearth.core.priority.LearnedProbability;
import io.hearth.core.priority.ProbabilityModel;
import io.hearth.core.priority.RuleProbability;
import io.hearth.core.priority.SpeedToLeadPolicy;
import io.hearth.core.priority.SpeedToLeadReport;
import io.hearth.core.priority.TemperatureModel;
import io.hearth.core.priority.TemperaturePolicy;
import io.hearth.core.queue.WorkQueue;
import io.hearth.core.resource.TimeOrderedIds;
import io.hearth.core.sync.ConnectionRules;
import io.hearth.core.sync.ConnectorRegistry;
import io.hearth.core.sync.RetryPolicy;
import io.hearth.core.sync.SecretResolver;
import io.hearth.core.sync.SyncSettings;
import io.hearth.core.team.EscalationRules;
import io.hearth.core.touch.CadencePolicy;
import io.hearth.core.touch.CadenceRules;
import io.hearth.core.touch.CadenceStandings;
import io.hearth.core.touch.ContactCadenceStart;
import io.hearth.core.touch.ContactQueue;
import io.hearth.core.touch.TouchObserver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The one composition root of core: every rule, store and use case wired over one database, the
 * same way for the server, the tests and the benchmarks. Leads are rated and queued as they are
 * written, by hand or by a sync; contacts are queued by their follow-ups; every touch re-rates its
 * lead and re-places its contact.
 */
public final class HearthCore {
    private final Stores stores;
    private final Transactor transactor;
    private final LeadRules leadRules;
    private final ContactRules contactRules;
    private final CadencePolicy cadencePolicy;
    private final CadenceStandings cadenceStandings;
    private final ContactQueue contactQueue;
    private final ContactCadenceStart contactCadenceStart;
    private final ContactCadenceBackfill contactCadenceBackfill;
    private final DealQueueBackfill dealQueueBackfill;
    private final LearnedProbability learnedProbability;
    private final LeadRatings ratings;
    private final LeadQualifications qualifications;
    private final TemperatureOverrides overrides;
    private final AuditLog audit;
    private final Leads leads;
    private final Contacts contacts;
    private final LeadConversion conversion;
    private final LeadMerges merges;
    private final ContactMerges contactMerges;
    private final Opportunities opportunities;
    private final LeadToDealConversion dealConversion;
    private final FollowUps followUps;
    private final FollowUpStatsReport followUpStats;
    private final PipelineStatsReport pipelineStats;
    private final SpeedToLeadReport speedToLead;
    private final OperationalFigures figures;
    private final WorkQueue workQueue;
    private final ConnectorRegistry connectors;
    private final PeopleExporter exporter;
    private final SyncEngine sync;
    private final Connections connections;
    private final ApiTokens apiTokens;
    private final Backups backups;
    private final Teams teams;
    private final Escalations escalations;

    private HearthCore(Builder b) {
        Clock clock = b.clock;
        stores = b.stores.apply(Stores.jooq(b.database.dsl()));
        transactor = new JooqTransactor(b.database.dsl(), b.callGuard);
        audit = new AuditLog(new JooqAuditStore(b.database.dsl()), b.caller, clock);
        PhoneNumbers phones = new PhoneNumbers(b.phoneRegion);
        leadRules = new LeadRules(phones);
        contactRules = new ContactRules(phones);
        cadencePolicy = b.cadencePolicy;
        DuplicateGuard duplicates = new DuplicateGuard(stores.matches(), b.speedToLead.inboundSources());
        cadenceStandings = new CadenceStandings(stores.cadences(), stores.followUps(), cadencePolicy);
        JooqOpportunityStore opportunityStore = new JooqOpportunityStore(b.database.dsl());
        Pipelines pipelines = new Pipelines(new JooqTeamPipelineStore(b.database.dsl()), b.pipelineStages);
        contactQueue = new ContactQueue(
                stores.contacts(), cadenceStandings, stores.queue(), opportunityStore, pipelines, stores.touches());
        // the rules until the team has closed enough leads to learn from; the server retrains it
        learnedProbability = new LearnedProbability(stores.profiles(), new RuleProbability());
        ratings = new LeadRatings(
                stores.leads(),
                stores.profiles(),
                stores.missedDeadlines(),
                stores.queue(),
                transactor,
                new TemperatureModel(
                        b.temperaturePolicy, b.probability == null ? learnedProbability : b.probability, clock),
                b.speedToLead,
                clock,
                id -> cadenceStandings.of(PersonRef.of(id)),
                b.caller);
        qualifications = new LeadQualifications(ratings, audit);
        overrides = new TemperatureOverrides(ratings, audit);
        List<LeadWriteStep> leadWriteSteps = new ArrayList<>(List.of(ratings));
        leadWriteSteps.addAll(b.leadWriteSteps);
        CadenceRules cadenceRules = new CadenceRules(cadencePolicy);
        // the cadence starts before the queue places the contact: the first step puts it there
        contactCadenceStart = new ContactCadenceStart(stores.cadences(), stores.followUps(), cadenceRules, clock);
        contactCadenceBackfill = new ContactCadenceBackfill(
                stores.cadences(), stores.contacts(), contactCadenceStart, contactQueue, transactor);
        dealQueueBackfill = new DealQueueBackfill(
                opportunityStore,
                stores.cadences(),
                stores.queue(),
                contactQueue,
                new JooqStartPassStore(b.database.dsl()),
                transactor,
                clock);
        List<ContactObserver> contactObservers = new ArrayList<>(List.of(contactCadenceStart, contactQueue));
        contactObservers.addAll(b.contactObservers);
        leads = new Leads(
                stores.leads(),
                transactor,
                leadRules,
                clock,
                duplicates,
                leadWriteSteps,
                b.caller,
                audit,
                stores.apiTokens());
        contacts = new Contacts(
                stores.contacts(),
                transactor,
                contactRules,
                clock,
                duplicates,
                contactObservers,
                b.caller,
                audit,
                stores.apiTokens());
        conversion = new LeadConversion(
                leads,
                stores.contacts(),
                stores.touches(),
                stores.followUps(),
                stores.cadences(),
                cadenceRules,
                transactor,
                clock,
                List.of(contactQueue));
        opportunities = new Opportunities(
                opportunityStore,
                stores.contacts(),
                transactor,
                new OpportunityRules(),
                pipelines,
                clock,
                b.caller,
                stores.apiTokens(),
                audit,
                contactQueue);
        dealConversion = new LeadToDealConversion(leads, conversion, opportunities, transactor);
        merges = new LeadMerges(
                leads,
                contacts,
                stores.merges(),
                stores.matches(),
                stores.profiles(),
                stores.touches(),
                stores.followUps(),
                stores.cadences(),
                transactor,
                clock);
        contactMerges = new ContactMerges(
                contacts, stores.merges(), stores.matches(), stores.followUps(), stores.cadences(), transactor, clock);
        List<TouchObserver> touchObservers = new ArrayList<>(b.touchObservers);
        touchObservers.add(new LeadActivityRecorder(ratings));
        touchObservers.add(contactQueue);
        followUps = new FollowUps(
                leads,
                contacts,
                conversion,
                stores.touches(),
                stores.followUps(),
                stores.cadences(),
                cadenceRules,
                transactor,
                clock,
                touchObservers,
                b.caller,
                opportunities,
                stores.shownLeads(),
                stores.shownContacts());
        followUpStats = new FollowUpStatsReport(stores.followUpStats(), transactor, b.caller);
        pipelineStats = new PipelineStatsReport(
                new JooqPipelineStatsStore(b.database.dsl()), transactor, pipelines, clock, b.caller);
        speedToLead = new SpeedToLeadReport(stores.profiles(), stores.missedDeadlines(), b.speedToLead, clock);
        workQueue = new WorkQueue(stores.queue(), clock, b.caller);
        JooqTeamStore teamStore = new JooqTeamStore(b.database.dsl());
        teams = new Teams(
                teamStore, transactor, clock, b.caller, audit, pipelines, new JooqTeamPipelineStore(b.database.dsl()));
        JooqEscalationStore escalationStore = new JooqEscalationStore(b.database.dsl());
        figures = new OperationalFigures(
                stores.queue(), stores.missedDeadlines(), stores.syncRuns(), escalationStore, clock);
        escalations = new Escalations(
                escalationStore,
                teamStore,
                leads,
                ratings,
                transactor,
                new EscalationRules(b.speedToLead.responseWindow(), b.speedToLead.warnBefore()),
                clock,
                b.inboundTeam,
                b.caller);
        connectors = b.connectors;
        exporter = new PeopleExporter(connectors, leads, contacts, opportunities, stores.matches());
        apiTokens = new ApiTokens(stores.apiTokens(), transactor, clock, b.recentTokens, audit);
        sync = b.syncSettings == null
                ? null
                : new SyncEngine(
                        connectors,
                        stores.syncRuns(),
                        stores.matches(),
                        leads,
                        contacts,
                        new SourceRemovals(stores.matches(), leads, contacts, merges, conversion),
                        new DealImport(
                                opportunityStore,
                                new JooqDealLinkStore(b.database.dsl()),
                                stores.matches(),
                                stores.contacts(),
                                b.pipelineStages,
                                new OpportunityRules(),
                                audit,
                                new TimeOrderedIds(clock),
                                conversion,
                                contactQueue),
                        leadRules,
                        contactRules,
                        transactor,
                        clock,
                        b.retry,
                        b.syncSettings,
                        b.caller,
                        stores.apiTokens(),
                        audit);
        backups = b.backupsFolder == null
                ? null
                : new Backups(new EmbeddedDatabaseBackup(b.database), b.backupsFolder, b.caller, clock);
        connections = new Connections(
                stores.connections(),
                stores.syncRuns(),
                transactor,
                new ConnectionRules(connectors, b.pipelineStages),
                connectors,
                b.secrets,
                this::sync,
                new WriteBack(
                        new JooqWriteBackStore(b.database.dsl()),
                        stores.matches(),
                        opportunityStore,
                        new JooqDealLinkStore(b.database.dsl()),
                        transactor,
                        b.retry,
                        clock),
                clock,
                b.caller,
                audit);
    }

    /** Starts wiring core over {@code database}; every setting has the server's default. */
    public static Builder on(Database database) {
        return new Builder(database);
    }

    public Stores stores() {
        return stores;
    }

    public Transactor transactor() {
        return transactor;
    }

    public LeadRules leadRules() {
        return leadRules;
    }

    public ContactRules contactRules() {
        return contactRules;
    }

    public CadencePolicy cadencePolicy() {
        return cadencePolicy;
    }

    public CadenceStandings cadenceStandings() {
        return cadenceStandings;
    }

    /** Run once as a server starts: the first step of contacts stored without one. */
    public ContactCadenceBackfill contactCadenceBackfill() {
        return contactCadenceBackfill;
    }

    /** Run once as a server starts, after {@link #contactCadenceBackfill}: the entries of deals stored before V23. */
    public DealQueueBackfill dealQueueBackfill() {
        return dealQueueBackfill;
    }

    public ContactCadenceStart contactCadenceStart() {
        return contactCadenceStart;
    }

    public ContactQueue contactQueue() {
        return contactQueue;
    }

    /** The lead-closing probability the ratings use; retrain it as closed leads accumulate. */
    public LearnedProbability learnedProbability() {
        return learnedProbability;
    }

    public LeadRatings ratings() {
        return ratings;
    }

    public LeadQualifications qualifications() {
        return qualifications;
    }

    public TemperatureOverrides overrides() {
        return overrides;
    }

    public AuditLog audit() {
        return audit;
    }

    public Leads leads() {
        return leads;
    }

    public Contacts contacts() {
        return contacts;
    }

    public LeadConversion conversion() {
        return conversion;
    }

    /** Deals with contacts: the sales pipeline beside the leads. */
    public Opportunities opportunities() {
        return opportunities;
    }

    /** A lead converted and a deal opened with its prospect, in one transaction. */
    public LeadToDealConversion dealConversion() {
        return dealConversion;
    }

    public LeadMerges merges() {
        return merges;
    }

    public ContactMerges contactMerges() {
        return contactMerges;
    }

    public FollowUps followUps() {
        return followUps;
    }

    public FollowUpStatsReport followUpStats() {
        return followUpStats;
    }

    public PipelineStatsReport pipelineStats() {
        return pipelineStats;
    }

    /** Team-wide figures for monitoring (the server's metrics). */
    public OperationalFigures figures() {
        return figures;
    }

    public SpeedToLeadReport speedToLead() {
        return speedToLead;
    }

    /** Teams' rosters and escalation settings. */
    public Teams teams() {
        return teams;
    }

    /** Speed-to-lead escalation and round-robin assignment; a periodic job runs it. */
    public Escalations escalations() {
        return escalations;
    }

    public WorkQueue workQueue() {
        return workQueue;
    }

    public ConnectorRegistry connectors() {
        return connectors;
    }

    public PeopleExporter exporter() {
        return exporter;
    }

    /** API tokens: made, listed, revoked, and checked on every call. */
    public ApiTokens apiTokens() {
        return apiTokens;
    }

    /**
     * @throws IllegalStateException when the core was wired without {@link Builder#syncSettings}:
     *     a sync needs to know which folder its files may come from
     */
    public SyncEngine sync() {
        if (sync == null) {
            throw new IllegalStateException("core was wired without sync settings");
        }
        return sync;
    }

    /**
     * Online backups of the embedded database.
     *
     * @throws IllegalStateException when the core was wired without {@link Builder#backupsFolder}
     */
    public Backups backups() {
        if (backups == null) {
            throw new IllegalStateException("core was wired without a backups folder");
        }
        return backups;
    }

    /** Stored syncs; running one needs {@link Builder#syncSettings}, as {@link #sync()} does. */
    public Connections connections() {
        return connections;
    }

    public static final class Builder {
        private final Database database;
        private Clock clock = Clock.systemUTC();
        private CurrentCaller caller = CurrentCaller.NONE;
        private String phoneRegion = "US";
        private CallGuard callGuard = CallGuard.NONE;
        private CadencePolicy cadencePolicy = CadencePolicy.DEFAULT;
        private TemperaturePolicy temperaturePolicy = TemperaturePolicy.DEFAULT;
        private PipelineStages pipelineStages = PipelineStages.DEFAULT;
        private SpeedToLeadPolicy speedToLead = SpeedToLeadPolicy.DEFAULT;
        private Optional<String> inboundTeam = Optional.empty();
        private ConnectorRegistry connectors = ConnectorRegistry.of(List.of());
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private SyncSettings syncSettings;
        private java.nio.file.Path backupsFolder;
        private SecretResolver secrets = SecretResolver.system();
        private ProbabilityModel probability;
        private List<TouchObserver> touchObservers = List.of();
        private List<LeadWriteStep> leadWriteSteps = List.of();
        private List<ContactObserver> contactObservers = List.of();
        private UnaryOperator<Stores> stores = UnaryOperator.identity();
        private RecentTokens recentTokens = new RecentTokens(RecentTokens.DEFAULT_TTL, RecentTokens.DEFAULT_CAPACITY);

        private Builder(Database database) {
            this.database = requireNonNull(database, "database is null");
        }

        /** Who each call acts for (the server: the call's token); its scope limits the people it sees. */
        public Builder caller(CurrentCaller caller) {
            this.caller = requireNonNull(caller, "caller is null");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        /** The region phone numbers without a country code are read in, e.g. {@code US}. */
        public Builder phoneRegion(String phoneRegion) {
            this.phoneRegion = requireNonNull(phoneRegion, "phoneRegion is null");
            return this;
        }

        /** Asked before a transaction begins and before it commits: the server's is the gRPC call's. */
        public Builder callGuard(CallGuard callGuard) {
            this.callGuard = requireNonNull(callGuard, "callGuard is null");
            return this;
        }

        public Builder cadencePolicy(CadencePolicy cadencePolicy) {
            this.cadencePolicy = requireNonNull(cadencePolicy, "cadencePolicy is null");
            return this;
        }

        public Builder temperaturePolicy(TemperaturePolicy temperaturePolicy) {
            this.temperaturePolicy = requireNonNull(temperaturePolicy, "temperaturePolicy is null");
            return this;
        }

        /** The sales pipeline's stages, in order, with their probabilities and stall limits. */
        public Builder pipelineStages(PipelineStages pipelineStages) {
            this.pipelineStages = requireNonNull(pipelineStages, "pipelineStages is null");
            return this;
        }

        public Builder speedToLead(SpeedToLeadPolicy speedToLead) {
            this.speedToLead = requireNonNull(speedToLead, "speedToLead is null");
            return this;
        }

        /** The team whose available reps get unowned inbound leads by round robin; none by default. */
        public Builder inboundTeam(Optional<String> inboundTeam) {
            this.inboundTeam = requireNonNull(inboundTeam, "inboundTeam is null");
            return this;
        }

        public Builder connectors(ConnectorRegistry connectors) {
            this.connectors = requireNonNull(connectors, "connectors is null");
            return this;
        }

        public Builder retry(RetryPolicy retry) {
            this.retry = requireNonNull(retry, "retry is null");
            return this;
        }

        public Builder syncSettings(SyncSettings syncSettings) {
            this.syncSettings = requireNonNull(syncSettings, "syncSettings is null");
            return this;
        }

        /** Where online backups of the embedded database are written (the server's: {@code DATA_DIR/backups}). */
        public Builder backupsFolder(java.nio.file.Path backupsFolder) {
            this.backupsFolder = requireNonNull(backupsFolder, "backupsFolder is null");
            return this;
        }

        /** Where connections' secret references are resolved: the server's environment and files by default. */
        public Builder secrets(SecretResolver secrets) {
            this.secrets = requireNonNull(secrets, "secrets is null");
            return this;
        }

        /** A fixed probability to close in place of the learned one (tests, benchmarks). */
        public Builder probability(ProbabilityModel probability) {
            this.probability = requireNonNull(probability, "probability is null");
            return this;
        }

        /** Hear every logged touch in its transaction, after the core's own observers. */
        public Builder touchObservers(List<TouchObserver> touchObservers) {
            this.touchObservers = List.copyOf(touchObservers);
            return this;
        }

        /** More steps of every lead write, by hand or by a sync, in its transaction, after the ratings. */
        public Builder leadWriteSteps(List<LeadWriteStep> leadWriteSteps) {
            this.leadWriteSteps = List.copyOf(leadWriteSteps);
            return this;
        }

        /** Hear every contact written, by hand or by a sync, in its transaction, after the work queue. */
        public Builder contactObservers(List<ContactObserver> contactObservers) {
            this.contactObservers = List.copyOf(contactObservers);
            return this;
        }

        /** Wraps the real stores (e.g. to time them) before anything uses them. */
        public Builder stores(UnaryOperator<Stores> stores) {
            this.stores = requireNonNull(stores, "stores is null");
            return this;
        }

        /** How long a looked-up token is trusted without a new lookup; {@link RecentTokens#none()}: never. */
        public Builder recentTokens(RecentTokens recentTokens) {
            this.recentTokens = requireNonNull(recentTokens, "recentTokens is null");
            return this;
        }

        public HearthCore build() {
            return new HearthCore(this);
        }
    }
}
