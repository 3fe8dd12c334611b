package io.hearth.core.sync;

import io.hearth.connector.spi.Connector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * A plugin jar built the way a third party builds one: Java sources compiled against the SPI
 * alone, plus resources and the services file.
 */
public final class PluginJar {
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> resources = new LinkedHashMap<>();

    /** @param className fully qualified, e.g. {@code thirdparty.RosterConnector} */
    public PluginJar source(String className, String source) {
        sources.put(className.replace('.', '/') + ".java", source);
        return this;
    }

    public PluginJar resource(String path, String text) {
        resources.put(path, text);
        return this;
    }

    /** Lists these classes in {@code META-INF/services/io.hearth.connector.spi.Connector}. */
    public PluginJar services(String... connectorClasses) {
        return resource("META-INF/services/" + Connector.class.getName(), String.join("\n", connectorClasses) + "\n");
    }

    /** Compiles the sources against the SPI alone and writes the jar, creating its folder. */
    public Path writeTo(Path jar) throws IOException {
        Path work = Files.createTempDirectory("hearth-plugin-build");
        try {
            Path classes = Files.createDirectories(work.resolve("classes"));
            compile(work.resolve("src"), classes);
            Files.createDirectories(jar.toAbsolutePath().getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                    Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(
                            new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
                for (Map.Entry<String, String> resource : resources.entrySet()) {
                    out.putNextEntry(new JarEntry(resource.getKey()));
                    out.write(resource.getValue().getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
            return jar;
        } finally {
            delete(work);
        }
    }

    private void compile(Path src, Path classes) throws IOException {
        if (sources.isEmpty()) {
            return;
        }
        List<String> arguments = new ArrayList<>(
                List.of("-d", classes.toString(), "-cp", spiLocation().toString()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("javac failed with status " + status + "; see the test output");
        }
    }

    private static Path spiLocation() {
        try {
            return Path.of(Connector.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
