package io.hearth.core.sync;

import io.hearth.connector.spi.Connector;
import io.hearth.core.error.Excerpts;
import io.hearth.core.error.NotFoundException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The installed connectors by name. Two connectors with one name are refused, naming both jars. */
public final class ConnectorRegistry {
    private final Map<String, Connector> byName;

    private ConnectorRegistry(Map<String, Connector> byName) {
        this.byName = byName;
    }

    /**
     * The built-in connectors, which {@link ServiceLoader} finds on the server's class path, and
     * the plugins in {@code pluginFolder}, each in a class loader of its own (see {@link PluginFolder}).
     */
    public static ConnectorRegistry discover(ClassLoader server, Path pluginFolder) {
        List<Connector> found = new ArrayList<>();
        ServiceLoader.load(Connector.class, server).forEach(found::add);
        found.addAll(PluginFolder.connectors(pluginFolder, server));
        return of(found);
    }

    public static ConnectorRegistry of(List<Connector> connectors) {
        Map<String, Connector> byName = new TreeMap<>();
        for (Connector connector : connectors) {
            Connector clash = byName.putIfAbsent(connector.name(), connector);
            if (clash != null) {
                throw new IllegalStateException("two connectors are named '" + connector.name() + "': "
                        + describe(clash) + " and " + describe(connector) + "; remove one of the jars");
            }
        }
        return new ConnectorRegistry(byName);
    }

    /** Sorted by name. */
    public List<Connector> all() {
        return List.copyOf(byName.values());
    }

    public Connector get(String name) {
        Connector connector = byName.get(name);
        if (connector == null) {
            throw new NotFoundException("connectors/" + Excerpts.of(name));
        }
        return connector;
    }

    private static String describe(Connector connector) {
        CodeSource source = connector.getClass().getProtectionDomain().getCodeSource();
        return connector.getClass().getName() + " (" + (source == null ? "built in" : source.getLocation()) + ")";
    }
}
