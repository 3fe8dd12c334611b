package io.hearth.core.sync;

import io.hearth.connector.spi.Connector;
import io.hearth.core.HearthCore;
import io.hearth.core.persistence.Database;
import io.hearth.core.priority.RuleProbability;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Sync wiring shared by the sync tests. */
final class SyncFixtures {
    private SyncFixtures() {}

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
