package io.hearth.server;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.hearth.server.config.ServerConfig;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The network transport; tests replace this module with an in-process one. */
public final class NettyTransportModule extends AbstractModule {
    private final ServerCredentials credentials;

    /**
     * @param credentials TLS ({@code ServerTls}) or plaintext ({@code InsecureServerCredentials}),
     *     as {@code ListenPolicy} allowed
     */
    public NettyTransportModule(ServerCredentials credentials) {
        this.credentials = requireNonNull(credentials, "credentials is null");
    }

    @Provides
    @Singleton
    ServerEventLoops eventLoops() {
        return ServerEventLoops.create();
    }

    @Provides
    ServerBuilder<?> serverBuilder(ServerConfig config, ServerEventLoops loops) {
        return NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.port()), credentials)
                // loops of its own, which HearthServer stops once the server has terminated
                .bossEventLoopGroup(loops.boss())
                .workerEventLoopGroup(loops.workers())
                .channelType(loops.channelType())
                // keep idle connections of dialers and dashboards alive through proxies
                .permitKeepAliveTime(30, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true);
    }
}
