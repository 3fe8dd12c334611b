package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.spi.Connector;
import io.hearth.proto.v1.ListConnectorsRequest;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.StartSyncRequest;
import io.hearth.proto.v1.SyncRun;
import io.hearth.proto.v1.SyncRunState;
import io.hearth.proto.v1.SyncServiceGrpc;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connector compiled outside the reactor against the SPI alone, dropped into the plugins folder,
 * is found at start and syncs; two connectors with one name stop the start.
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

    @TempDir
    Path dataDir;

    @Test
    void aJarBuiltFromTheSpiAloneIsPickedUpAndSyncs() throws Exception {
        buildPlugin("roster", "roster.jar");

        try (InProcessHearth hearth = new InProcessHearth(Clock.systemUTC(), dataDir)) {
            SyncServiceGrpc.SyncServiceBlockingStub sync = SyncServiceGrpc.newBlockingStub(hearth.channel());
            assertThat(sync.listConnectors(ListConnectorsRequest.newBuilder().build()).getConnectorsList())
                    .extracting(c -> c.getName())
                    .containsExactly("connectors/csv", "connectors/roster", "connectors/xlsx");

            List<SyncRun> runs = new ArrayList<>();
            sync.startSync(StartSyncRequest.newBuilder().setConnector("connectors/roster")
                    .putConfig("names", "Ada Lovelace; Alan Turing; Grace Hopper").build()).forEachRemaining(runs::add);

            assertThat(runs.get(runs.size() - 1).getState()).isEqualTo(SyncRunState.SYNC_RUN_STATE_SUCCEEDED);
            assertThat(LeadServiceGrpc.newBlockingStub(hearth.channel()).listLeads(ListLeadsRequest.newBuilder()
                    .setOrderBy("display_name").build()).getLeadsList())
                    .extracting(l -> l.getGivenName() + " " + l.getFamilyName())
                    .containsExactly("Ada Lovelace", "Alan Turing", "Grace Hopper");
        }
    }

    @Test
    void twoConnectorsWithOneNameStopTheStart() throws Exception {
        buildPlugin("csv", "my-csv.jar");

        assertThatThrownBy(() -> new InProcessHearth(Clock.systemUTC(), dataDir))
                .hasMessageContaining("two connectors are named 'csv'")
                .hasMessageContaining("my-csv.jar");
    }

    private void buildPlugin(String connectorName, String jarName) throws IOException, URISyntaxException {
        Path work = Files.createTempDirectory(dataDir, "build");
        Path source = work.resolve("src/thirdparty/RosterConnector.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, SOURCE.formatted(connectorName));
        Path classes = Files.createDirectories(work.resolve("classes"));
        Path spi = Path.of(Connector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-d", classes.toString(), "-cp", spi.toString(), source.toString());
        assertThat(status).as("javac exit status").isZero();

        Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plugins.resolve(jarName)));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, jar);
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry("META-INF/services/" + Connector.class.getName()));
            jar.write("thirdparty.RosterConnector\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }
}
