package io.hearth.core.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Third-party connector jars dropped into a folder, loaded at start beside the built-in ones. */
public final class PluginFolder {
    private PluginFolder() {
    }

    /**
     * A class loader over every {@code *.jar} in {@code folder}, delegating to {@code parent} so
     * plugins share the SPI classes with the server; {@code parent} itself when there is no folder.
     */
    public static ClassLoader classLoader(Path folder, ClassLoader parent) {
        if (!Files.isDirectory(folder)) {
            return parent;
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plugins in " + folder, e);
        }
        if (jars.isEmpty()) {
            return parent;
        }
        URL[] urls = jars.stream().map(PluginFolder::url).toArray(URL[]::new);
        return new URLClassLoader("hearth-plugins", urls, parent);
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("cannot load plugin " + jar, e);
        }
    }
}
