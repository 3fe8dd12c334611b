package io.hearth.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.connector.spi.Connector;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The plugin jar as the server loads it: in a class loader of its own whose parent holds only the SPI
 * and the JDK. It must find its connector, bring its own crm-http and Jackson, leave the SPI out, and
 * read from Pipedrive with nothing else on its class path.
 */
@Timeout(60)
class PluginJarIT {
    @Test
    void thePluginJarReadsPipedriveWithOnlyTheSpiAndTheJdkBesideIt() throws Exception {
        Path jar = Path.of(System.getProperty("hearth.plugin.jar"));
        assertThat(jar).exists();
        URL spi = Connector.class.getProtectionDomain().getCodeSource().getLocation();

        try (URLClassLoader spiOnly = new URLClassLoader(new URL[] {spi}, ClassLoader.getPlatformClassLoader());
                URLClassLoader plugin =
                        new URLClassLoader(new URL[] {jar.toUri().toURL()}, spiOnly);
                FakePipedrive pipedrive = new FakePipedrive()) {
            pipedrive.person("Ada", "Lovelace", "ada@example.com");
            Class<?> connectorType = spiOnly.loadClass(Connector.class.getName());
            List<?> connectors = ServiceLoader.load(connectorType, plugin).stream()
                    .map(ServiceLoader.Provider::get)
                    .toList();

            assertThat(connectors)
                    .singleElement()
                    .satisfies(c -> assertThat(c.getClass().getClassLoader()).isSameAs(plugin));
            assertThat(plugin.findResource("io/hearth/connector/spi/Connector.class"))
                    .isNull();
            assertThat(plugin.loadClass("com.fasterxml.jackson.databind.ObjectMapper")
                            .getClassLoader())
                    .isSameAs(plugin);
            assertThat(plugin.loadClass("io.hearth.connector.crm.http.CrmHttp").getClassLoader())
                    .isSameAs(plugin);
            assertThat(Files.size(jar)).isLessThan(5L * 1024 * 1024);

            Object connector = connectors.get(0);
            Object reader =
                    call(connector, "openReader", new Class<?>[] {Map.class, String.class}, pipedrive.config(), null);
            Object batch = call(reader, "read", new Class<?>[] {int.class}, 100);
            List<?> records = (List<?>) call(batch, "records", new Class<?>[0]);
            assertThat(records)
                    .singleElement()
                    .satisfies(
                            r -> assertThat(call(r, "fields", new Class<?>[0]).toString())
                                    .contains("email=ada@example.com"));
            call(reader, "close", new Class<?>[0]);
        }
    }

    /** Calls a public method through the SPI interface it implements: the plugin's classes are not this test's. */
    private static Object call(Object target, String name, Class<?>[] types, Object... arguments) {
        try {
            for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
                for (Class<?> face : type.getInterfaces()) {
                    try {
                        Method method = face.getMethod(name, types);
                        return method.invoke(target, arguments);
                    } catch (NoSuchMethodException notHere) {
                        // try the next interface
                    }
                }
            }
            Method method = target.getClass().getMethod(name, types);
            return method.invoke(target, arguments);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot call " + name + " on " + target.getClass(), e);
        }
    }
}
