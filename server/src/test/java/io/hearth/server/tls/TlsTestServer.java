package io.hearth.server.tls;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.protobuf.services.HealthStatusManager;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.server.NettyTransportModule;
import io.hearth.server.ServerEventLoops;
import io.hearth.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A server on 127.0.0.1 from the server's own transport module, with only the health service:
 * what the handshake lets through is what these tests are about, not the API behind it.
 */
final class TlsTestServer implements AutoCloseable {
    private final Server server;
    private final ServerEventLoops loops;

    TlsTestServer(ServerCredentials credentials, Path dataDir) throws IOException {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, dataDir, DatabaseConfig.embedded(dataDir, 1), "US");
        Injector injector = Guice.createInjector(
                new NettyTransportModule(credentials),
                binder -> binder.bind(ServerConfig.class).toInstance(config));
        loops = injector.getInstance(ServerEventLoops.class);
        ServerBuilder<?> builder = injector.getInstance(Key.get(new TypeLiteral<ServerBuilder<?>>() {}));
        server = builder.addService(new HealthStatusManager().getHealthService())
                .build()
                .start();
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        loops.close();
    }
}
