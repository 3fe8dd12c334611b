package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.sync.PluginJar;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.ListConnectorsRequest;
import io.hearth.proto.v1.ListConnectorsResponse;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.StartSyncRequest;
import io.hearth.proto.v1.SyncRun;
import io.hearth.proto.v1.SyncRunState;
import io.hearth.proto.v1.SyncServiceGrpc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connector compiled outside the reactor against the SPI alone, dropped into the plugins folder,
 * is found at start, in a class loader that shows it none of the server, and syncs; two connectors
 * with one name stop the start.
 */
class PluginFolderTest {
    private static final String SOURCE = """
            package thirdparty;

            import io.hearth.connector.spi.*;
            import java.util.*;

            public final class RosterConnector implements Connector {
                private static final ConfigKey NAMES = ConfigKey.required("names", ConfigType.STRING, "a;b;c");

                public String name() { return "%s"; }
                public String description() { return "people from a roster"; }
                public List<ConfigKey> configKeys() { return List.of(NAMES); }
                public Set<Capability> capabilities() { return Set.of(Capability.READ); }

                public RecordReader openReader(Map<String, String> config, String cursor) {
                    String[] names = NAMES.valueIn(config).orElseThrow().split(";");
                    return new RecordReader() {
                        int next = cursor == null ? 0 : Integer.parseInt(cursor);

                        public Batch read(int max) {
                            List<SourceRecord> records = new ArrayList<>();
                            for (; next < names.length && records.size() < max; next++) {
                                records.add(new SourceRecord("roster-" + next, null,
                                        Map.of("Name", names[next].strip()), "entry " + (next + 1)));
                            }
                            return new Batch(records, List.of(), Integer.toString(next), next >= names.length);
                        }

                        public void close() { }
                    };
                }
            }
            """;

    /** Reports, in its description, which of the server's classes it can load. */
    private static final String PROBE = """
            package thirdparty;

            import io.hearth.connector.spi.*;
            import java.util.*;

            public final class Probe implements Connector {
                private static final List<String> SERVER = List.of("io.hearth.core.sync.SyncEngine",
                        "io.hearth.server.CoreModule", "org.jooq.DSLContext", "io.grpc.Server",
                        "com.google.inject.Injector", "org.apache.commons.csv.CSVParser", "org.slf4j.Logger");

                public String name() { return "probe"; }
                public String description() {
                    List<String> seen = new ArrayList<>();
                    for (String name : SERVER) {
                        try {
                            Class.forName(name, false, Probe.class.getClassLoader());
                            seen.add(name);
                        } catch (ClassNotFoundException hidden) {
                        }
                    }
                    return "sees the SPI and the JDK; of the server's classes: " + seen;
                }
                public List<ConfigKey> configKeys() { return List.of(); }
                public Set<Capability> capabilities() { return Set.of(Capability.READ); }
            }
            """;

    @TempDir
    Path dataDir;

    @Test
    void aJarBuiltFromTheSpiAloneIsPickedUpAndSyncs() throws Exception {
        buildPlugin("roster", "roster.jar");

        try (InProcessHearth hearth = new InProcessHearth(Clock.systemUTC(), dataDir)) {
            SyncServiceGrpc.SyncServiceBlockingStub sync = SyncServiceGrpc.newBlockingStub(hearth.channel());
            assertThat(sync.listConnectors(ListConnectorsRequest.newBuilder().build())
                            .getConnectorsList())
                    .extracting(c -> c.getName())
                    .containsExactly("connectors/csv", "connectors/roster", "connectors/xlsx");

            List<SyncRun> runs = new ArrayList<>();
            sync.startSync(StartSyncRequest.newBuilder()
                            .setConnector("connectors/roster")
                            .putConfig("names", "Ada Lovelace; Alan Turing; Grace Hopper")
                            .build())
                    .forEachRemaining(runs::add);

            assertThat(runs.get(runs.size() - 1).getState()).isEqualTo(SyncRunState.SYNC_RUN_STATE_SUCCEEDED);
            assertThat(LeadServiceGrpc.newBlockingStub(hearth.channel())
                            .listLeads(ListLeadsRequest.newBuilder()
                                    .setOrderBy("display_name")
                                    .build())
                            .getLeadsList())
                    .extracting(l -> l.getGivenName() + " " + l.getFamilyName())
                    .containsExactly("Ada Lovelace", "Alan Turing", "Grace Hopper");
        }
    }

    @Test
    void aPluginSeesNeitherTheServerNorTheLibrariesItRunsOn() throws Exception {
        new PluginJar()
                .source("thirdparty.Probe", PROBE)
                .services("thirdparty.Probe")
                .writeTo(dataDir.resolve("plugins/probe.jar"));

        try (InProcessHearth hearth = new InProcessHearth(Clock.systemUTC(), dataDir)) {
            assertThat(SyncServiceGrpc.newBlockingStub(hearth.channel())
                            .listConnectors(ListConnectorsRequest.newBuilder().build())
                            .getConnectorsList())
                    .filteredOn(c -> c.getName().equals("connectors/probe"))
                    .singleElement()
                    .extracting(c -> c.getDescription())
                    .isEqualTo("sees the SPI and the JDK; of the server's classes: []");
        }
    }

    @Test
    void aPageTokenNamingAConnectorSinceRemovedContinuesWithTheNextName() throws Exception {
        buildPlugin("roster", "roster.jar");
        ListConnectorsResponse first;
        try (InProcessHearth hearth = new InProcessHearth(Clock.systemUTC(), dataDir)) {
            first = SyncServiceGrpc.newBlockingStub(hearth.channel())
                    .listConnectors(
                            ListConnectorsRequest.newBuilder().setPageSize(2).build());
        }
        Files.delete(dataDir.resolve("plugins/roster.jar"));

        try (InProcessHearth hearth = new InProcessHearth(Clock.systemUTC(), dataDir)) {
            ListConnectorsResponse rest = SyncServiceGrpc.newBlockingStub(hearth.channel())
                    .listConnectors(ListConnectorsRequest.newBuilder()
                            .setPageSize(2)
                            .setPageToken(first.getNextPageToken())
                            .build());

            assertThat(first.getConnectorsList())
                    .extracting(c -> c.getName())
                    .containsExactly("connectors/csv", "connectors/roster");
            assertThat(rest.getConnectorsList()).extracting(c -> c.getName()).containsExactly("connectors/xlsx");
            assertThat(rest.getNextPageToken()).isEmpty();
        }
    }

    @Test
    void twoConnectorsWithOneNameStopTheStart() throws Exception {
        buildPlugin("csv", "my-csv.jar");

        assertThatThrownBy(() -> new InProcessHearth(Clock.systemUTC(), dataDir))
                .hasMessageContaining("two connectors are named 'csv'")
                .hasMessageContaining("my-csv.jar");
    }

    private void buildPlugin(String connectorName, String jarName) throws IOException {
        new PluginJar()
                .source("thirdparty.RosterConnector", SOURCE.formatted(connectorName))
                .services("thirdparty.RosterConnector")
                .writeTo(dataDir.resolve("plugins").resolve(jarName));
    }
}
