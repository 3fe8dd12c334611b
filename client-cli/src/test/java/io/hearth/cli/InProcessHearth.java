package io.hearth.cli;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI against a {@link RecordingLeadService} on an in-process gRPC server, one server per
 * test. Remembers the targets the CLI asked for and the channels it was given.
 */
final class InProcessHearth implements BeforeEachCallback, AfterEachCallback {

    final RecordingLeadService service = new RecordingLeadService();

    private final String serverName = InProcessServerBuilder.generateName();
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();
    private Server server;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server =
                InProcessServerBuilder.forName(serverName)
                        .directExecutor()
                        .addService(service)
                        .build()
                        .start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        channels.forEach(ManagedChannel::shutdownNow);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    CliResult run(String... args) {
        return CliResult.run(this::openChannel, args);
    }

    /** The {@code --server} values the CLI opened channels for. */
    List<String> targets() {
        return List.copyOf(targets);
    }

    List<ManagedChannel> channels() {
        return List.copyOf(channels);
    }

    private ManagedChannel openChannel(String target) {
        targets.add(target);
        ManagedChannel channel =
                InProcessChannelBuilder.forName(serverName).directExecutor().build();
        channels.add(channel);
        return channel;
    }
}
