package io.hearth.core.sync;

import io.hearth.connector.spi.Connector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Third-party connector jars dropped into a folder, loaded at start beside the built-in ones. Each
 * jar gets a class loader of its own that sees the JDK, the SPI and the jar, nothing else: a
 * plugin bundles its libraries in whatever versions it wants, without clashing with the server's
 * or another plugin's. This isolates dependencies; it is no security boundary, since a plugin runs
 * in the server's JVM with the server's rights.
 */
public final class PluginFolder {
    private static final String SERVICES_FILE = "META-INF/services/" + Connector.class.getName();

    private PluginFolder() {}

    /**
     * The connector of every {@code *.jar} in {@code folder}, in jar name order; none when there
     * is no folder. A jar must list exactly one connector in its services file, else the start
     * stops naming it.
     *
     * @param server the loader the SPI classes come from, so plugins and server share one {@code Connector}
     */
    public static List<Connector> connectors(Path folder, ClassLoader server) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plugins in " + folder, e);
        }
        SpiOnlyClassLoader spiOnly = new SpiOnlyClassLoader(server);
        List<Connector> connectors = new ArrayList<>();
        for (Path jar : jars) {
            connectors.add(load(jar, spiOnly));
        }
        return connectors;
    }

    private static Connector load(Path jar, SpiOnlyClassLoader spiOnly) {
        PluginClassLoader loader = new PluginClassLoader(jar, spiOnly);
        List<ServiceLoader.Provider<Connector>> listed;
        try {
            listed = ServiceLoader.load(Connector.class, loader).stream().toList();
            if (listed.size() == 1) {
                return listed.get(0).get();
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            // a listed class that is missing, no Connector, without a public no-argument constructor,
            // failing in it, or compiled for a newer Java
            close(loader, e);
            throw new IllegalStateException("plugin " + jar + " cannot be loaded: " + e.getMessage(), e);
        }
        IllegalStateException refused = new IllegalStateException("plugin " + jar + " lists " + describe(listed)
                + " in " + SERVICES_FILE + "; a plugin jar lists exactly one connector");
        close(loader, refused);
        throw refused;
    }

    private static String describe(List<ServiceLoader.Provider<Connector>> listed) {
        if (listed.isEmpty()) {
            return "no connector";
        }
        return listed.size() + " connectors ("
                + listed.stream().map(p -> p.type().getName()).collect(Collectors.joining(", ")) + ")";
    }

    private static void close(PluginClassLoader refused, Throwable cause) {
        try {
            refused.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
