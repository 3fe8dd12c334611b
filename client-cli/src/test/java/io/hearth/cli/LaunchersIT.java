package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/hearth and bin/hearth-server run the built jars, with the class-data sharing archives the
 * build made beside them: {@code -Xshare:on} (added through HEARTH_JAVA_OPTS, after the launcher's
 * {@code -Xshare:auto}) makes the JVM refuse to start when the archive cannot be used.
 */
class LaunchersIT {
    private static final Path LAUNCHERS = Path.of(System.getProperty("hearth.launchers", "../bin"));

    @TempDir
    Path dataDir;

    record Run(int exitCode, String output) {}

    private static Run run(Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(command));
        line.set(0, LAUNCHERS.resolve(command[0]).toString());
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static void assumeArchive(String module, String archive) {
        assumeTrue(
                Files.isRegularFile(LAUNCHERS.resolve("../" + module + "/target/" + archive)),
                "the build made no class-data archive (-DskipCds)");
    }

    @Test
    void hearthRunsTheCliJar() throws Exception {
        Run version = run(Map.of(), "hearth", "--version");
        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output().strip()).matches("hearth \\d+\\.\\d+\\.\\d+\\S*");

        Run list = run(Map.of(), "hearth", "leads", "list", "--server", "127.0.0.1:1", "--config", "none.toml");
        assertThat(list.exitCode()).as("the server is not there").isEqualTo(1);
        assertThat(list.output()).contains("cannot reach Hearth server at 127.0.0.1:1");
    }

    @Test
    void hearthMapsItsClassDataArchive() throws Exception {
        assumeArchive("client-cli", "hearth.jsa");
        Run list = run(
                Map.of("HEARTH_JAVA_OPTS", "-Xshare:on"),
                "hearth",
                "leads",
                "list",
                "--server",
                "127.0.0.1:1",
                "--config",
                "none.toml");
        assertThat(list.exitCode()).as(list.output()).isEqualTo(1);
        assertThat(list.output()).contains("cannot reach Hearth server").doesNotContain("cds");
    }

    @Test
    void hearthServerStartsWithItsClassDataArchiveAndStops() throws Exception {
        assumeArchive("server", "hearth-server.jsa");
        Run start = run(
                Map.of("HEARTH_JAVA_OPTS", "-Xshare:on -Xmx256m"),
                "hearth-server",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--data-dir",
                dataDir.toString(),
                "--stop-after-start");
        assertThat(start.exitCode()).as(start.output()).isZero();
        assertThat(start.output()).contains("Hearth server listening on", "Hearth server stopped");
    }
}
