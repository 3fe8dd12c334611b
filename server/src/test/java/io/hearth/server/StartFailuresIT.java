package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second server started on the first one's data directory, or on its port, stops at once with
 * one line that says why: the shaded jar in child JVMs, as an operator would start them (the
 * embedded database's lock is held per process, so this needs two processes).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StartFailuresIT {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path work;

    @Test
    void aSecondServerOnTheSameDataDirectoryOrPortSaysSoInOneLine() throws Exception {
        Path dataDir = work.resolve("data");
        Process first = start("--port", "0", "--data-dir", dataDir.toString());
        try {
            int port = awaitPort(first);

            Ended sameDir = run("--port", "0", "--data-dir", dataDir.toString());
            assertThat(sameDir.exitCode()).isEqualTo(2);
            assertThat(sameDir.output())
                    .contains("hearth-server: not started: the data directory " + dataDir
                            + " is in use by another Hearth server (its database is locked); stop that server, "
                            + "or choose another --data-dir")
                    .doesNotContain("\tat ", "Exception");

            Path otherDir = work.resolve("other");
            Ended samePort = run("--port", Integer.toString(port), "--data-dir", otherDir.toString());
            assertThat(samePort.exitCode()).isEqualTo(2);
            assertThat(samePort.output())
                    .contains("hearth-server: not started: cannot listen on 127.0.0.1:" + port
                            + ": the port is in use (another Hearth server?); stop it, or choose another with --port")
                    .doesNotContain("\tat ", "Exception");
            assertThat(otherDir)
                    .as("the port was checked before the database was opened")
                    .doesNotExist();
        } finally {
            first.destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private record Ended(int exitCode, String output) {}

    private static Ended run(String... args) throws Exception {
        Process process = start(args);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("exited").isTrue();
        return new Ended(process.exitValue(), output);
    }

    /** The shaded jar in a child JVM; the first server of the test may write the jar's class archive first. */
    private static Process start(String... args) throws IOException, InterruptedException {
        Path jar = Path.of("target/hearth-server.jar");
        assertThat(jar).as("the shaded jar from package").exists();
        return ChildJvm.startServer(
                new ProcessBuilder().redirectErrorStream(true), List.of("-Xmx256m"), jar, List.of(args));
    }

    private static int awaitPort(Process process) throws IOException {
        BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                Thread drain = new Thread(
                        () -> {
                            try {
                                output.lines().forEach(l -> {});
                            } catch (java.io.UncheckedIOException closed) {
                                // the pipe closes when the test kills the server
                            }
                        },
                        "first-server-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(listening.group(1));
            }
        }
        throw new IllegalStateException("the first server exited before listening");
    }
}
