package io.hearth.bench.rpc;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gRPC server in a JVM of its own on a free loopback port: the Hearth server jar or the no-op
 * floor, started with the same JVM options so that they differ only in what they serve. Records how
 * long it took from the process start until its health service answered SERVING.
 */
final class ChildJvm implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final String label;
    private final Process process;
    private final ManagedChannel channel;
    private final Duration startToServing;

    private ChildJvm(String label, Process process, ManagedChannel channel, Duration startToServing) {
        this.label = label;
        this.process = process;
        this.channel = channel;
        this.startToServing = startToServing;
    }

    /** @param mainAndArgs what follows the JVM options: {@code -jar X ...} or {@code -cp X Main ...} */
    static ChildJvm start(String label, List<String> jvmOptions, List<String> mainAndArgs, Path log)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(mainAndArgs);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread output = new Thread(() -> copyOutput(process, log, port), label + "-output");
        output.setDaemon(true);
        output.start();
        int listening;
        try {
            listening = port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException(label + " did not start listening (see " + log + "): " + e);
        }
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", listening)
                .usePlaintext()
                .build();
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
        long deadline = started + START_TIMEOUT.toNanos();
        while (true) {
            try {
                if (health.withDeadlineAfter(2, TimeUnit.SECONDS)
                                .check(HealthCheckRequest.getDefaultInstance())
                                .getStatus()
                        == ServingStatus.SERVING) {
                    break;
                }
            } catch (RuntimeException notYet) {
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    channel.shutdownNow();
                    throw new IllegalStateException(label + " never answered SERVING: " + notYet);
                }
            }
            Thread.sleep(5);
        }
        return new ChildJvm(label, process, channel, Duration.ofNanos(System.nanoTime() - started));
    }

    private static void copyOutput(Process process, Path log, CompletableFuture<Integer> port) {
        try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(line);
                Matcher listening = LISTENING.matcher(line);
                if (!port.isDone() && listening.find()) {
                    port.complete(Integer.parseInt(listening.group(1)));
                }
            }
        } catch (IOException e) {
            // the process is gone; the port future says so if it never listened
        }
        port.completeExceptionally(new IllegalStateException("the output of the process ended"));
    }

    String label() {
        return label;
    }

    ManagedChannel channel() {
        return channel;
    }

    /** The CPU time the process has used so far, all its threads. */
    Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    Duration startToServing() {
        return startToServing;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
