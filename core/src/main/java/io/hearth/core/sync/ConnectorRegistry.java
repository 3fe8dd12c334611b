package io.hearth.core.sync;

import io.hearth.connector.spi.Connector;
import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.NotFoundException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The installed connectors by name, and by the file extensions they claim. Two connectors with
 * one name, or claiming one extension, are refused, naming both jars.
 */
public final class ConnectorRegistry {
    /** The collection of connectors' resource names. */
    public static final String COLLECTION = "connectors/";

    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]+");

    private final NavigableMap<String, Connector> byName;
    private final Map<String, Connector> byExtension;

    private ConnectorRegistry(NavigableMap<String, Connector> byName, Map<String, Connector> byExtension) {
        this.byName = byName;
        this.byExtension = byExtension;
    }

    /**
     * The connector name in a resource name {@code connectors/{name}}; a bare name is accepted too.
     *
     * @param field the request field the name came from, named when it names no connector
     */
    public static String connectorName(String name, String field) {
        String bare = name.startsWith(COLLECTION) ? name.substring(COLLECTION.length()) : name;
        if (bare.isBlank() || bare.contains("/")) {
            throw InvalidArgumentException.of(
                    field, "must name a connector as connectors/{name}, got " + Excerpts.quoted(name));
        }
        return bare;
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

    /**
     * Refuses an extension two connectors claim rather than letting one win: which connector reads
     * an upload would otherwise hang on how names sort, and installing a plugin could silently
     * change how every file of a kind is imported. A caller can always name the connector instead.
     */
    public static ConnectorRegistry of(List<Connector> connectors) {
        NavigableMap<String, Connector> byName = new TreeMap<>();
        Map<String, Connector> byExtension = new TreeMap<>();
        for (Connector connector : connectors) {
            Connector clash = byName.putIfAbsent(connector.name(), connector);
            if (clash != null) {
                throw new IllegalStateException("two connectors are named '" + connector.name() + "': "
                        + describe(clash) + " and " + describe(connector) + "; remove one of the jars");
            }
            for (String extension : connector.fileExtensions()) {
                if (!EXTENSION.matcher(extension).matches()) {
                    throw new IllegalStateException("connector '" + connector.name() + "' " + describe(connector)
                            + " claims the file extension '"
                            + extension + "'; an extension is lower-case letters and digits, without the dot");
                }
                Connector claimed = byExtension.putIfAbsent(extension, connector);
                if (claimed != null) {
                    throw new IllegalStateException("two connectors claim the file extension '" + extension + "': '"
                            + claimed.name() + "' " + describe(claimed) + " and '" + connector.name() + "' "
                            + describe(connector) + "; remove one of the jars");
                }
            }
        }
        return new ConnectorRegistry(byName, byExtension);
    }

    /**
     * Up to {@code pageSize} connectors named after {@code afterName} (from the first when it is
     * {@code null}), in name order. Keyed by name rather than position, so a page token naming a
     * connector since removed still continues with the next name.
     */
    public List<Connector> page(int pageSize, String afterName) {
        Map<String, Connector> after = afterName == null ? byName : byName.tailMap(afterName, false);
        return after.values().stream().limit(pageSize).toList();
    }

    public Connector get(String name) {
        Connector connector = byName.get(name);
        if (connector == null) {
            throw new NotFoundException("connectors/" + Excerpts.of(name));
        }
        return connector;
    }

    /**
     * The connector claiming the extension of {@code fileName} (in any letter case).
     *
     * @param field the request field that would have named the connector, named in the error
     *     when no connector claims the extension
     */
    public Connector forFileName(String fileName, String field) {
        int dot = fileName.lastIndexOf('.');
        Connector connector =
                dot < 0 ? null : byExtension.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (connector == null) {
            throw InvalidArgumentException.of(
                    field,
                    "cannot tell the connector from " + Excerpts.quoted(fileName)
                            + (byExtension.isEmpty()
                                    ? ": name one; no installed connector claims a file extension"
                                    : ": name one, or use a file ending in " + claimedExtensions()));
        }
        return connector;
    }

    /** ".csv, .tsv or .xlsx" */
    private String claimedExtensions() {
        List<String> extensions =
                byExtension.keySet().stream().map(e -> "." + e).toList();
        if (extensions.size() == 1) {
            return extensions.get(0);
        }
        return String.join(", ", extensions.subList(0, extensions.size() - 1)) + " or "
                + extensions.get(extensions.size() - 1);
    }

    private static String describe(Connector connector) {
        CodeSource source = connector.getClass().getProtectionDomain().getCodeSource();
        return connector.getClass().getName() + " (" + (source == null ? "built in" : source.getLocation()) + ")";
    }
}
