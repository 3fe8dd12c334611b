package io.hearth.cli;

import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the CLI against a {@link RecordingLeadService} and a {@link RecordingQueueService} on an
 * in-process gRPC server, one server per test. Remembers the targets the CLI asked for and the
 * channels it was given. The CLI's clock stands still at {@link #NOW} unless a test sets another,
 * standard output and standard error are not terminals unless a test says so, and retried creates hardly pause.
 */
final class InProcessHearth implements BeforeEachCallback, AfterEachCallback {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    final RecordingLeadService service = new RecordingLeadService();
    final RecordingQueueService queue = new RecordingQueueService();
    final RecordingTeamService teams = new RecordingTeamService();

    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    boolean terminal;
    boolean errTerminal;
    /** The environment variables the CLI sees; the real ones unless a test says otherwise. */
    Function<String, String> variables = System::getenv;

    Duration refreshInterval = Duration.ofSeconds(1);
    Duration retryPause = Duration.ofMillis(1);

    private final String serverName = InProcessServerBuilder.generateName();
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();
    private Server server;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server = InProcessServerBuilder.forName(serverName)
                .directExecutor()
                .addService(service)
                .addService(queue)
                .addService(teams)
                .build()
                .start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        channels.forEach(ManagedChannel::shutdownNow);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    CliResult run(String... args) {
        return run(false, args);
    }

    /** A run with the whole command tree built, or (as the CLI runs) only the commands the arguments name. */
    CliResult run(boolean wholeTree, String... args) {
        return CliResult.run(
                new CliEnvironment(this::openChannel, clock, terminal, refreshInterval, retryPause)
                        .with(variables, System.in)
                        .withErrTerminal(errTerminal),
                wholeTree,
                args);
    }

    /** The {@code --server} values the CLI opened channels for. */
    List<String> targets() {
        return List.copyOf(targets);
    }

    List<ManagedChannel> channels() {
        return List.copyOf(channels);
    }

    /** In process, whatever the TLS options: the in-process transport has no TLS. */
    private ManagedChannel openChannel(String target, ChannelCredentials credentials) {
        targets.add(target);
        ManagedChannel channel =
                InProcessChannelBuilder.forName(serverName).directExecutor().build();
        channels.add(channel);
        return channel;
    }
}
