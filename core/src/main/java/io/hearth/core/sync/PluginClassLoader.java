package io.hearth.core.sync;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin jar. Classes come from the JDK and the SPI first (through
 * {@link SpiOnlyClassLoader}), so a plugin cannot replace them, then from the jar. Resources come
 * from the jar first: a library the plugin bundles reads its own config files, not the JDK's.
 */
final class PluginClassLoader extends URLClassLoader {
    PluginClassLoader(Path jar, SpiOnlyClassLoader parent) {
        super("plugin " + jar.getFileName(), new URL[] {url(jar)}, parent);
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> found = new ArrayList<>(Collections.list(findResources(name)));
        found.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(found);
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("cannot load plugin " + jar, e);
        }
    }
}
