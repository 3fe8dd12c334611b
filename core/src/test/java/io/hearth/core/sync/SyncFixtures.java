package io.hearth.core.sync;

import io.hearth.connector.spi.Connector;
import io.hearth.core.HearthCore;
import io.hearth.core.Stores;
import io.hearth.core.app.Contacts;
import io.hearth.core.app.LeadConversion;
import io.hearth.core.app.LeadMerges;
import io.hearth.core.app.Leads;
import io.hearth.core.app.SourceRemovals;
import io.hearth.core.app.Transactor;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqTransactor;
import io.hearth.core.priority.RuleProbability;
import io.hearth.core.touch.CadencePolicy;
import io.hearth.core.touch.CadenceRules;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Sync wiring shared by the sync tests. */
final class SyncFixtures {
    private SyncFixtures() {}

    /** Deal reads stored as the server stores them, on the default pipeline, converting through {@code leads}. */
    public static io.hearth.core.app.DealImport deals(Database database, Leads leads, Clock clock) {
        Stores stores = Stores.jooq(database.dsl());
        io.hearth.core.persistence.JooqOpportunityStore opportunities =
                new io.hearth.core.persistence.JooqOpportunityStore(database.dsl());
        io.hearth.core.touch.ContactQueue queue = new io.hearth.core.touch.ContactQueue(
                stores.contacts(),
                new io.hearth.core.touch.CadenceStandings(stores.cadences(), stores.followUps(), CadencePolicy.DEFAULT),
                stores.queue(),
                opportunities,
                new io.hearth.core.opportunity.Pipelines(
                        new io.hearth.core.persistence.JooqTeamPipelineStore(database.dsl()),
                        io.hearth.core.opportunity.PipelineStages.DEFAULT),
                stores.touches());
        return new io.hearth.core.app.DealImport(
                opportunities,
                new io.hearth.core.persistence.JooqDealLinkStore(database.dsl()),
                stores.matches(),
                stores.contacts(),
                io.hearth.core.opportunity.PipelineStages.DEFAULT,
                new io.hearth.core.opportunity.OpportunityRules(),
                io.hearth.core.app.AuditLog.disabled(),
                new io.hearth.core.resource.TimeOrderedIds(clock),
                conversion(database, leads, clock, List.of(queue)),
                queue);
    }

    /** The removals of a sync engine wired by hand over {@code database}. */
    static SourceRemovals removals(Database database, Leads leads, Contacts contacts, Clock clock) {
        Stores stores = Stores.jooq(database.dsl());
        Transactor transactor = new JooqTransactor(database.dsl());
        return new SourceRemovals(
                stores.matches(),
                leads,
                contacts,
                new LeadMerges(
                        leads,
                        contacts,
                        stores.merges(),
                        stores.matches(),
                        stores.profiles(),
                        stores.touches(),
                        stores.followUps(),
                        stores.cadences(),
                        transactor,
                        clock),
                conversion(database, leads, clock, List.of()));
    }

    private static LeadConversion conversion(
            Database database, Leads leads, Clock clock, List<io.hearth.core.contact.ContactObserver> observers) {
        Stores stores = Stores.jooq(database.dsl());
        return new LeadConversion(
                leads,
                stores.contacts(),
                stores.touches(),
                stores.followUps(),
                stores.cadences(),
                new CadenceRules(CadencePolicy.DEFAULT),
                new JooqTransactor(database.dsl()),
                clock,
                observers);
    }

    /** For connectors without files: an import folder nothing is read from, and the default lease. */
    static SyncSettings settings() {
        return new SyncSettings(
                new ImportFolder(Path.of(System.getProperty("java.io.tmpdir"), "hearth-no-imports")),
                SyncSettings.DEFAULT_LEASE);
    }

    /** Core as the server wires it, syncing from {@code connectors} with the import folder of {@link #settings}. */
    static HearthCore.Builder core(Database database, Clock clock, Connector... connectors) {
        return HearthCore.on(database)
                .clock(clock)
                .probability(new RuleProbability())
                .connectors(ConnectorRegistry.of(List.of(connectors)))
                .syncSettings(settings());
    }
}
