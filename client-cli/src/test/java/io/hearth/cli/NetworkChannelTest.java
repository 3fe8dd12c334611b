package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NetworkChannelTest {

    private Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }

    @Test
    void aCommandLeavesNoEventLoopRunningWhenItIsDone() throws Exception {
        server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(new RecordingLeadService())
                .build()
                .start();
        List<ManagedChannel> opened = new CopyOnWriteArrayList<>();
        ChannelFactory network = (target, credentials) -> {
            ManagedChannel channel = ChannelFactory.NETWORK.open(target, credentials);
            opened.add(channel);
            return channel;
        };

        CliResult result = CliResult.run(network, "--server", "127.0.0.1:" + server.getPort(), "leads", "get", "ada1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(opened).singleElement().isInstanceOf(NetworkChannel.class);
        // terminated means the channel's own event loop has stopped too: a thread of it left
        // waiting in native code would hold the JVM's exit for 300 ms
        assertThat(opened.get(0).isTerminated()).isTrue();
    }
}
