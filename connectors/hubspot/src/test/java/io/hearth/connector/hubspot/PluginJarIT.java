package io.hearth.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.Connector;
import io.hearth.connector.spi.RecordReader;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shaded plugin jar, loaded the way the server loads plugins: a class loader of its own whose parent
 * shows the JDK and the SPI only. It must bring crm-http and Jackson, and must not bring the SPI.
 */
@Timeout(60)
class PluginJarIT {
    private static final Path JAR =
            Path.of(System.getProperty("hearth.plugin.jar", "target/hearth-connector-hubspot-plugin.jar"));

    @Test
    void theJarBundlesItsLibrariesButNotTheSpi() throws IOException {
        assertThat(JAR).exists();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertThat(names)
                    .contains(
                            "io/hearth/connector/hubspot/HubSpotConnector.class",
                            "io/hearth/connector/crm/http/CrmHttp.class",
                            "com/fasterxml/jackson/databind/ObjectMapper.class",
                            "META-INF/services/io.hearth.connector.spi.Connector");
            assertThat(names).noneMatch(name -> name.startsWith("io/hearth/connector/spi/"));
            assertThat(names).as("no test fake in the plugin").noneMatch(name -> name.contains("/fake/"));
            assertThat(new String(jar.getInputStream(
                                            jar.getEntry("META-INF/services/io.hearth.connector.spi.Connector"))
                                    .readAllBytes())
                            .strip())
                    .isEqualTo(HubSpotConnector.class.getName());
        }
        assertThat(Files.size(JAR)).isLessThan(5L * 1024 * 1024);
    }

    @Test
    void aLoaderThatSeesOnlyTheSpiRunsTheConnectorAgainstHubSpot() throws IOException {
        long now = System.currentTimeMillis();
        try (FakeHubSpot hubspot = new FakeHubSpot(now);
                URLClassLoader plugin = new URLClassLoader(
                        "plugin", new URL[] {JAR.toUri().toURL()}, new SpiOnly(Connector.class.getClassLoader()))) {
            hubspot.contact(5, now - 86_400_000L, "email", "ada@example.com", "firstname", "Ada");
            List<Connector> found = ServiceLoader.load(Connector.class, plugin).stream()
                    .map(ServiceLoader.Provider::get)
                    .toList();
            assertThat(found).singleElement().satisfies(connector -> {
                assertThat(connector.name()).isEqualTo("hubspot");
                assertThat(connector.getClass().getClassLoader()).isSameAs(plugin);
            });
            Connector connector = found.get(0);
            Map<String, String> config = Map.of("access_token", FakeHubSpot.TOKEN, "base_url", hubspot.baseUrl());

            assertThat(connector.checkConnection(config)).isEmpty();
            try (RecordReader reader = connector.openReader(config, null)) {
                Batch batch = reader.read(100);
                assertThat(batch.records())
                        .singleElement()
                        .satisfies(record -> assertThat(record.fields()).containsEntry("given_name", "Ada"));
            }
        }
    }

    /** The JDK, and the SPI from the test's own loader: what the server's plugin loaders see. */
    private static final class SpiOnly extends ClassLoader {
        private final ClassLoader spi;

        SpiOnly(ClassLoader spi) {
            super("spi-only", ClassLoader.getPlatformClassLoader());
            this.spi = spi;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.startsWith(Connector.class.getPackageName() + ".")) {
                return spi.loadClass(name);
            }
            throw new ClassNotFoundException(name + " is outside the SPI");
        }
    }
}
