package io.hearth.server;

import io.hearth.core.sync.PluginJar;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A fake CRM installed as a plugin, {@code connectors/fakecrm}: three people read two a page with
 * the index as cursor (incrementally: the cursor stays after a complete read), a secret
 * {@code token} that the check and the reader accept only as "right".
 */
public final class FakeCrmPlugin {
    private FakeCrmPlugin() {}

    /** Writes the plugin jar into {@code dataDir}'s plugins folder. */
    public static void writeTo(Path dataDir) throws IOException {
        new PluginJar().source("fake.Crm", """
                package fake;

                import io.hearth.connector.spi.*;
                import java.util.*;

                public final class Crm implements Connector {
                    public String name() { return "fakecrm"; }
                    public String description() { return "three people in memory"; }
                    public List<ConfigKey> configKeys() {
                        return List.of(
                                ConfigKey.optional("label", ConfigType.STRING, null, "a label"),
                                ConfigKey.optional("page_size", ConfigType.INTEGER, "2", "people a page"),
                                ConfigKey.secret("token", "the API token"));
                    }
                    public Set<Capability> capabilities() { return Set.of(Capability.READ, Capability.INCREMENTAL); }
                    public List<ConfigProblem> checkConnection(Map<String, String> config) {
                        return "right".equals(config.get("token"))
                                ? List.of()
                                : List.of(new ConfigProblem("token", "the CRM refused the token"));
                    }
                    public RecordReader openReader(Map<String, String> config, String cursor) {
                        if (!"right".equals(config.get("token"))) {
                            throw new FatalConnectorException("the CRM refused the token", null);
                        }
                        return new RecordReader() {
                            int next = cursor == null ? 0 : Integer.parseInt(cursor);
                            public Batch read(int max) {
                                List<SourceRecord> records = new ArrayList<>();
                                for (; next < 3 && records.size() < 2; next++) {
                                    records.add(new SourceRecord("p" + next, null,
                                            Map.of("First Name", "Person" + next, "Email", "p" + next + "@example.com"),
                                            "person " + next));
                                }
                                return new Batch(records, List.of(), Integer.toString(next), next >= 3);
                            }
                            public void close() { }
                        };
                    }
                }
                """).services("fake.Crm").writeTo(dataDir.resolve("plugins/fakecrm.jar"));
    }
}
