package io.hearth.server;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import io.hearth.core.HearthCore;
import io.hearth.core.app.ApiTokens;
import io.hearth.core.app.AuditLog;
import io.hearth.core.app.Backups;
import io.hearth.core.app.Connections;
import io.hearth.core.app.ContactMerges;
import io.hearth.core.app.Contacts;
import io.hearth.core.app.Escalations;
import io.hearth.core.app.FollowUpStatsReport;
import io.hearth.core.app.FollowUps;
import io.hearth.core.app.LeadConversion;
import io.hearth.core.app.LeadMerges;
import io.hearth.core.app.LeadQualifications;
import io.hearth.core.app.LeadRatings;
import io.hearth.core.app.LeadToDealConversion;
import io.hearth.core.app.Leads;
import io.hearth.core.app.Opportunities;
import io.hearth.core.app.PeopleExporter;
import io.hearth.core.app.PipelineStatsReport;
import io.hearth.core.app.SyncEngine;
import io.hearth.core.app.Teams;
import io.hearth.core.app.TemperatureOverrides;
import io.hearth.core.persistence.Database;
import io.hearth.core.priority.LearnedProbability;
import io.hearth.core.priority.SpeedToLeadReport;
import io.hearth.core.queue.WorkQueue;
import io.hearth.core.sync.ConnectorRegistry;
import io.hearth.core.sync.ImportFolder;
import io.hearth.core.sync.SyncSettings;
import io.hearth.core.touch.CadencePolicy;
import io.hearth.server.auth.Callers;
import io.hearth.server.config.CadenceConfig;
import io.hearth.server.config.EscalationConfig;
import io.hearth.server.config.ImportConfig;
import io.hearth.server.config.ServerConfig;
import io.hearth.server.grpc.GrpcCallGuard;
import java.time.Clock;

/**
 * Core as the server runs it: {@link HearthCore} wired from the server's settings, its use cases
 * bound for the gRPC services. The wiring itself lives in core, so tests and benchmarks run the
 * very same graph.
 */
public final class CoreModule extends AbstractModule {
    private final ServerConfig config;
    private final Database database;
    private final Clock clock;
    private final EscalationConfig escalation;

    public CoreModule(ServerConfig config, Database database, Clock clock) {
        this(config, database, clock, EscalationConfig.DEFAULTS);
    }

    public CoreModule(ServerConfig config, Database database, Clock clock, EscalationConfig escalation) {
        this.config = requireNonNull(config, "config is null");
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.escalation = requireNonNull(escalation, "escalation is null");
    }

    @Override
    protected void configure() {
        bind(ServerConfig.class).toInstance(config);
        bind(ImportConfig.class).toInstance(config.imports());
        bind(Database.class).toInstance(database);
        bind(Clock.class).toInstance(clock);

        bind(EscalationConfig.class).toInstance(escalation);
        HearthCore core = core(config, database, clock, escalation);
        bind(HearthCore.class).toInstance(core);
        bind(Leads.class).toInstance(core.leads());
        bind(Contacts.class).toInstance(core.contacts());
        bind(LeadConversion.class).toInstance(core.conversion());
        bind(LeadMerges.class).toInstance(core.merges());
        bind(ContactMerges.class).toInstance(core.contactMerges());
        bind(Opportunities.class).toInstance(core.opportunities());
        bind(LeadToDealConversion.class).toInstance(core.dealConversion());
        bind(LeadRatings.class).toInstance(core.ratings());
        bind(LeadQualifications.class).toInstance(core.qualifications());
        bind(TemperatureOverrides.class).toInstance(core.overrides());
        bind(LearnedProbability.class).toInstance(core.learnedProbability());
        bind(FollowUps.class).toInstance(core.followUps());
        bind(FollowUpStatsReport.class).toInstance(core.followUpStats());
        bind(PipelineStatsReport.class).toInstance(core.pipelineStats());
        bind(SpeedToLeadReport.class).toInstance(core.speedToLead());
        bind(WorkQueue.class).toInstance(core.workQueue());
        bind(ConnectorRegistry.class).toInstance(core.connectors());
        bind(PeopleExporter.class).toInstance(core.exporter());
        bind(SyncEngine.class).toInstance(core.sync());
        bind(Connections.class).toInstance(core.connections());
        bind(ApiTokens.class).toInstance(core.apiTokens());
        bind(AuditLog.class).toInstance(core.audit());
        bind(Backups.class).toInstance(core.backups());
        bind(Teams.class).toInstance(core.teams());
        bind(Escalations.class).toInstance(core.escalations());
    }

    /**
     * Guarded by the calls' gRPC contexts: the work of a client that gave up neither begins nor
     * commits. The connectors are the built-in ones (on the server's class path) plus the jars in
     * {@code <data-dir>/plugins/}, each jar in a class loader of its own.
     */
    static HearthCore core(ServerConfig config, Database database, Clock clock, EscalationConfig escalation) {
        CadenceConfig cadence = config.cadence();
        return HearthCore.on(database)
                .clock(clock)
                .speedToLead(escalation.speedToLead())
                .inboundTeam(escalation.inboundTeam())
                .phoneRegion(config.phoneRegion())
                .callGuard(new GrpcCallGuard())
                // each call's token scopes the people it sees, in the store queries
                .caller(Callers.CURRENT)
                .cadencePolicy(CadencePolicy.DEFAULT.withLimits(
                        cadence.leadFollowUpLimit(), cadence.contactFollowUpLimit(), cadence.autoConvert()))
                .connectors(ConnectorRegistry.discover(
                        CoreModule.class.getClassLoader(), config.dataDir().resolve("plugins")))
                .syncSettings(
                        new SyncSettings(new ImportFolder(config.imports().importsDir()), SyncSettings.DEFAULT_LEASE))
                .backupsFolder(config.dataDir().resolve("backups"))
                .build();
    }
}
