package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    @Test
    void aRetriedCreateDialsAgainInsteadOfWaitingOutTheChannelsBackoff() throws Exception {
        int port;
        try (ServerSocket reserved = new ServerSocket(0)) {
            port = reserved.getLocalPort();
        }
        CountDownLatch refused = new CountDownLatch(1);
        StringWriter errText = new StringWriter();
        Writer err = new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
                errText.write(chars, offset, length);
                if (errText.toString().contains("note:")) {
                    refused.countDown();
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        StringWriter out = new StringWriter();
        // the channel's first reconnect backoff is a second (jitter 20 %): a retry 300 ms later
        // fell inside it and failed without dialing
        CliEnvironment environment = new CliEnvironment(
                ChannelFactory.NETWORK, Clock.systemUTC(), false, Duration.ofSeconds(1), Duration.ofMillis(300));
        CompletableFuture<Integer> exitCode = CompletableFuture.supplyAsync(() -> HearthCli.run(
                new String[] {"--server", "127.0.0.1:" + port, "leads", "create", "--company", "Acme"},
                new PrintWriter(out),
                new PrintWriter(err),
                environment));

        assertThat(refused.await(30, TimeUnit.SECONDS))
                .as("the first try was refused")
                .isTrue();
        server = Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create())
                .addService(new RecordingLeadService())
                .build()
                .start();

        assertThat(exitCode.get(30, TimeUnit.SECONDS)).as(errText.toString()).isZero();
        assertThat(errText.toString().lines().filter(line -> line.startsWith("note:")))
                .as("retried once, on a new connection")
                .hasSize(1);
    }
}
