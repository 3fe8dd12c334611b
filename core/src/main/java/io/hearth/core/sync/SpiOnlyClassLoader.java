package io.hearth.core.sync;

import io.hearth.connector.spi.Connector;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every plugin's class loader: the JDK (the platform class loader) and the SPI
 * package, taken from the server's loader so that a plugin's {@code Connector} is the server's
 * {@code Connector}. Nothing else of the server shows through: not core, jOOQ, gRPC or Guice, and
 * not the server's versions of the libraries a plugin bundles (the way Trino's PluginClassLoader
 * allows only its SPI packages through).
 */
final class SpiOnlyClassLoader extends ClassLoader {
    private static final String SPI_PACKAGE = Connector.class.getPackageName() + ".";
    private static final String SPI_RESOURCES = SPI_PACKAGE.replace('.', '/');

    private final ClassLoader server;

    SpiOnlyClassLoader(ClassLoader server) {
        super("hearth-spi", ClassLoader.getPlatformClassLoader());
        this.server = server;
    }

    /** Reached only for what the JDK lacks: an SPI class comes from the server, anything else is not there. */
    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.startsWith(SPI_PACKAGE)) {
            return server.loadClass(name);
        }
        throw new ClassNotFoundException(
                name + " is neither in the JDK nor in the connector SPI; " + "a plugin bundles what else it needs");
    }

    @Override
    protected URL findResource(String name) {
        return name.startsWith(SPI_RESOURCES) ? server.getResource(name) : null;
    }

    /** The server's service files and resources stay out of sight, so a plugin never finds the built-in connectors. */
    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return name.startsWith(SPI_RESOURCES) ? server.getResources(name) : Collections.emptyEnumeration();
    }
}
