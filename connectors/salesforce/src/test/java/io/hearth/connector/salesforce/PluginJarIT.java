package io.hearth.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.connector.spi.Connector;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The plugin jar as the server loads it: in a class loader of its own whose parent shows only the JDK and
 * the SPI. It must bring crm-http and Jackson, leave the SPI out, and work against a Salesforce.
 */
@Timeout(60)
class PluginJarIT {
    private static final String SPI_PACKAGE = Connector.class.getPackageName() + ".";

    private final Path jar = Path.of(System.getProperty("hearth.pluginJar", "target/missing-plugin.jar"));

    @Test
    void bundlesItsLibrariesButNotTheSpi() throws IOException {
        assertThat(jar).exists();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(zip.getEntry("io/hearth/connector/salesforce/SalesforceConnector.class"))
                    .isNotNull();
            assertThat(zip.getEntry("io/hearth/connector/crm/http/CrmHttp.class"))
                    .isNotNull();
            assertThat(zip.getEntry("com/fasterxml/jackson/databind/ObjectMapper.class"))
                    .isNotNull();
            assertThat(zip.stream().map(ZipEntry::getName))
                    .noneMatch(name -> name.startsWith("io/hearth/connector/spi/"))
                    .noneMatch(name -> name.startsWith("io/hearth/connector/crm/http/fake/"));
            ZipEntry services = zip.getEntry("META-INF/services/io.hearth.connector.spi.Connector");
            assertThat(new String(zip.getInputStream(services).readAllBytes(), StandardCharsets.UTF_8).strip())
                    .isEqualTo(SalesforceConnector.class.getName());
        }
    }

    @Test
    void loadsInItsOwnClassLoaderAndChecksAConnection() throws IOException {
        try (FakeSalesforce salesforce = new FakeSalesforce();
                URLClassLoader plugin =
                        new URLClassLoader(new URL[] {jar.toUri().toURL()}, new SpiOnly())) {
            List<Connector> connectors = ServiceLoader.load(Connector.class, plugin).stream()
                    .map(ServiceLoader.Provider::get)
                    .toList();

            assertThat(connectors).singleElement().satisfies(connector -> {
                assertThat(connector.getClass().getClassLoader()).isSameAs(plugin);
                assertThat(connector.name()).isEqualTo("salesforce");
                assertThat(connector.checkConnection(salesforce.config())).isEmpty();
            });
            assertThat(Files.size(jar)).isLessThan(5L * 1024 * 1024);
        }
    }

    /** The JDK and the SPI package, nothing else of the test's class path: what the server gives a plugin. */
    private static final class SpiOnly extends ClassLoader {
        SpiOnly() {
            super("spi-only", ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.startsWith(SPI_PACKAGE)) {
                return PluginJarIT.class.getClassLoader().loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected URL findResource(String name) {
            return null;
        }

        @Override
        protected Enumeration<URL> findResources(String name) {
            return Collections.emptyEnumeration();
        }
    }
}
