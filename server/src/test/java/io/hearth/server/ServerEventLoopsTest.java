package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.hearth.core.persistence.TestDatabases;
import io.hearth.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network server runs on event loops of its own and stops them once it has terminated: gRPC's
 * shared loops outlived it by a second in native code, which held the JVM's exit up to 300 ms.
 */
@Timeout(30)
class ServerEventLoopsTest {
    @TempDir
    Path dataDir;

    @Test
    void aStoppedServerLeavesNoEventLoopThreadBehind() throws Exception {
        try (TestDatabases.TestDatabase database = TestDatabases.openHsqldb()) {
            ServerConfig config = new ServerConfig(
                    "127.0.0.1", 0, dataDir, database.database().config(), "US");
            Injector injector = Guice.createInjector(
                    new CoreModule(config, database.database(), Clock.systemUTC()),
                    new GrpcModule(),
                    new NettyTransportModule(InsecureServerCredentials.create()));
            HearthServer server = injector.getInstance(HearthServer.class).start();
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port())
                    .usePlaintext()
                    .build();
            try {
                assertThat(HealthGrpc.newBlockingStub(channel)
                                .check(HealthCheckRequest.getDefaultInstance())
                                .getStatus())
                        .isEqualTo(ServingStatus.SERVING);
                assertThat(loopThreads()).isPositive();
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }

            server.stop(5);

            assertThat(injector.getInstance(ServerEventLoops.class).isTerminated())
                    .isTrue();
            assertThat(loopThreads()).isZero();
        }
    }

    private static long loopThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> thread.getName().startsWith("hearth-grpc-"))
                .count();
    }
}
