package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.ChildJvm;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server started from the packaged jar on a free port, and the CLI run against it: as the packaged
 * jar in its own JVM ({@link #cli}), or through the same entry point inside the test's JVM ({@link
 * #cliInProcess}), which spares a JVM start per command. The JVMs start with the jar's class archive
 * ({@link ChildJvm}). Closing it sends SIGTERM.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on [^ ]+:(\\d+)");

    /**
     * As the CLI's main does, so an in-process run prints only what the jar would; a field, because
     * java.util.logging forgets the level of a logger nobody references.
     */
    private static final Logger GRPC_LOGGER = Logger.getLogger("io.grpc");

    /** What one run of the CLI (the jar or in process) printed and returned. */
    record Cli(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private final Process process;
    // a file, not a pipe: Process.destroy() closes pipes before the shutdown lines are written
    private final Path log;
    private int port;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ServerProcess start(List<String> args) throws Exception {
        return start(args, Map.of());
    }

    /** With {@code environment} added to this process's, e.g. {@code HEARTH_ADMIN_TOKEN} or a secret's variable. */
    static ServerProcess start(List<String> args, Map<String, String> environment) throws Exception {
        List<String> serverArgs = new ArrayList<>(List.of("--port", "0"));
        serverArgs.addAll(args);
        Path log = Files.createTempFile("hearth-server", ".log");
        ProcessBuilder builder = new ProcessBuilder().redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = ChildJvm.startServer(builder, List.of("-Xmx256m"), jar("hearth.server.jar"), serverArgs);
        ServerProcess server = new ServerProcess(process, log);
        server.awaitPort();
        return server;
    }

    /** Runs the server jar with {@code args}, which it must refuse: its exit code and what it printed. */
    static Cli refusedStart(List<String> args) throws Exception {
        Path out = Files.createTempFile("hearth-server", ".out");
        Path err = Files.createTempFile("hearth-server", ".err");
        try {
            Process server = ChildJvm.start(
                    new ProcessBuilder().redirectOutput(out.toFile()).redirectError(err.toFile()),
                    List.of(),
                    jar("hearth.server.jar"),
                    args);
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                throw new AssertionError("the server started: " + args);
            }
            return new Cli(server.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private void awaitPort() throws Exception {
        // a hang detector: a loaded 2-core machine took 30 s to start a server
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher m = LISTENING.matcher(Files.readString(log));
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
                return;
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("server did not start:\n" + Files.readString(log));
    }

    int port() {
        return port;
    }

    /** What the server has logged so far. */
    String log() throws IOException {
        return Files.readString(log);
    }

    /**
     * What the server has logged once it has logged {@code text}: lines logged after the
     * "listening" line (the limits, for one) may not be there yet when the port is known.
     */
    String logOnceItSays(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String logged = log();
        while (!logged.contains(text) && System.nanoTime() < deadline && process.isAlive()) {
            Thread.sleep(50);
            logged = log();
        }
        return logged;
    }

    /** Starts the CLI without waiting for it; its standard error goes to {@code err}. */
    Process cliProcess(Path err, String... args) throws IOException {
        return ChildJvm.start(
                new ProcessBuilder()
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(err.toFile()),
                List.of(),
                jar("hearth.cli.jar"),
                cliArgs(args));
    }

    Cli cli(String... args) throws Exception {
        return cli(Map.of(), args);
    }

    /** Runs the CLI with {@code environment} added to this process's. */
    Cli cli(Map<String, String> environment, String... args) throws Exception {
        return cli(environment, null, cliArgs(args));
    }

    /**
     * Runs the CLI without the {@code --server} of this server (a profile may name it), with
     * {@code environment} added and {@code stdin} (null: none) as its standard input.
     */
    Cli cliWithoutServer(Map<String, String> environment, String stdin, String... args) throws Exception {
        return cli(environment, stdin, List.of(args));
    }

    /** Runs the CLI jar with {@code args}; a first run of this build's jar writes its class archive. */
    private Cli cli(Map<String, String> environment, String stdin, List<String> args) throws Exception {
        Path out = Files.createTempFile("hearth-cli", ".out");
        Path err = Files.createTempFile("hearth-cli", ".err");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder().redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process cli = ChildJvm.startWritingArchive(builder, List.of(), jar("hearth.cli.jar"), args);
            try (var input = cli.getOutputStream()) {
                if (stdin != null) {
                    input.write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            // a hang detector, not a speed test: a 60,000-row import on a loaded 2-core machine took over a minute
            if (!cli.waitFor(180, TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                throw new AssertionError("CLI did not finish: " + args);
            }
            return new Cli(cli.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * Runs the CLI inside this JVM through {@link HearthCli#run}, the method the jar's main hands its
     * arguments to and whose result it exits with: the same parsing, channel and printing, without
     * a JVM start. For what only a real process shows (its exit status, signals, its environment),
     * use {@link #cli}.
     */
    Cli cliInProcess(String... args) {
        GRPC_LOGGER.setLevel(Level.OFF);
        List<String> line = new ArrayList<>(List.of("--server", "127.0.0.1:" + port));
        line.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = HearthCli.run(line.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Cli(exitCode, out.toString(), err.toString());
    }

    private List<String> cliArgs(String... args) {
        List<String> line = new ArrayList<>(List.of("--server", "127.0.0.1:" + port));
        line.addAll(List.of(args));
        return line;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("server ignored SIGTERM:\n" + Files.readString(log));
            }
            assertThat(Files.readString(log)).as("clean shutdown").contains("Hearth server stopped");
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Path jar(String property) {
        String path = System.getProperty(property);
        assertThat(path).as(property + " is set by the build").isNotNull();
        assertThat(Path.of(path)).as("packaged jar").exists();
        return Path.of(path);
    }
}
