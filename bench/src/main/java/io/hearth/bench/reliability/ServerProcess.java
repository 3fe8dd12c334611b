package io.hearth.bench.reliability;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged server jar in a child JVM on a free loopback port, as an operator runs it. Its
 * output goes to a log file; the port is read from its "listening on" line.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final String label;
    private final Process process;
    private final ManagedChannel channel;
    private final Cleanup.Step leftover;

    private ServerProcess(String label, Process process, int port, Cleanup.Step leftover) {
        this.label = label;
        this.process = process;
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .build();
        this.leftover = leftover;
    }

    /**
     * Starts the server and waits until it listens.
     *
     * @param extraArgs server flags beyond port, host and data dir (the PostgreSQL URL)
     * @param log where its output goes (appended, so a restart keeps the first life's output)
     */
    static ServerProcess start(String label, Path jar, Path dataDir, List<String> extraArgs, Path log)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        command.addAll(jvmOptions());
        command.addAll(List.of(
                "-jar", jar.toString(), "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString()));
        // the races come from one address with no token, as fast as they can: one rate-limit bucket would
        // turn them into RESOURCE_EXHAUSTED answers; the rate limit is tested on its own
        command.addAll(List.of("--rate-limit", "0", "--max-streams-per-token", "0"));
        command.addAll(extraArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Cleanup.Step leftover = Cleanup.register("stop " + label, () -> process.destroyForcibly());
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread output = new Thread(() -> copyOutput(process, log, port), label + "-output");
        output.setDaemon(true);
        output.start();
        try {
            return new ServerProcess(label, process, port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), leftover);
        } catch (ExecutionException | TimeoutException e) {
            leftover.close();
            throw new IllegalStateException(label + " did not start listening (see " + log + "): " + e.getMessage());
        }
    }

    /** Extra options for the servers' JVMs: the {@code hearth.server.jvm.options} property, split at spaces. */
    private static List<String> jvmOptions() {
        String options = System.getProperty("hearth.server.jvm.options", "").trim();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    /** Copies the server's output to its log, and hands over the port once it says it listens. */
    private static void copyOutput(Process process, Path log, CompletableFuture<Integer> port) {
        try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(
                        Files.newBufferedWriter(
                                log,
                                StandardCharsets.UTF_8,
                                java.nio.file.StandardOpenOption.CREATE,
                                java.nio.file.StandardOpenOption.APPEND),
                        true)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(line);
                Matcher listening = LISTENING.matcher(line);
                if (!port.isDone() && listening.find()) {
                    port.complete(Integer.parseInt(listening.group(1)));
                }
            }
        } catch (IOException e) {
            // the process is gone; the port future below says so if it never listened
        }
        port.completeExceptionally(new IllegalStateException("the server's output ended"));
    }

    String label() {
        return label;
    }

    ManagedChannel channel() {
        return channel;
    }

    /** SIGKILL: no shutdown hook, no clean database close, as when the machine or the OOM killer stops it. */
    void kill() throws InterruptedException {
        // the process first: closing the channel first would cancel its calls, which the server notices
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        channel.shutdownNow();
        leftover.close();
    }

    /** SIGTERM, as an operator stops the service; SIGKILL if it has not stopped within a minute. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            System.err.println("reliability: " + label + " ignored SIGTERM for a minute; killing it");
        }
        channel.shutdownNow();
        leftover.close();
    }
}
