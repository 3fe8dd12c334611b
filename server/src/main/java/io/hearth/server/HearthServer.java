package io.hearth.server;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.hearth.server.grpc.UnparseableRequests;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server: Hearth's services behind the shared interceptors, plus the standard health and
 * reflection services so load balancers and generic gRPC tools can talk to it.
 */
public final class HearthServer {
    private final ServerBuilder<?> builder;
    private final Set<BindableService> services;
    private final Set<ServerInterceptor> interceptors;
    private final HealthStatusManager health = new HealthStatusManager();
    private Server server;

    @Inject
    public HearthServer(ServerBuilder<?> builder, Set<BindableService> services, Set<ServerInterceptor> interceptors) {
        this.builder = requireNonNull(builder, "builder is null");
        this.services = requireNonNull(services, "services is null");
        this.interceptors = requireNonNull(interceptors, "interceptors is null");
    }

    public synchronized HearthServer start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        List<ServerInterceptor> chain = List.copyOf(interceptors);
        // outermost: a request whose bytes are no message is refused before anything else sees the call
        for (BindableService service : services) {
            builder.addService(UnparseableRequests.guard(ServerInterceptors.intercept(service, chain)));
        }
        builder.addService(UnparseableRequests.guard(health.getHealthService().bindService()));
        builder.addService(UnparseableRequests.guard(ProtoReflectionServiceV1.newInstance().bindService()));
        server = builder.build().start();
        for (BindableService service : services) {
            health.setStatus(service.bindService().getServiceDescriptor().getName(), ServingStatus.SERVING);
        }
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
        return this;
    }

    public int port() {
        return server.getPort();
    }

    /** Stops taking calls, lets in-flight calls finish for up to {@code graceSeconds}, then cancels the rest. */
    public void stop(long graceSeconds) throws InterruptedException {
        if (server == null) {
            return;
        }
        health.enterTerminalState();
        server.shutdown();
        if (!server.awaitTermination(graceSeconds, TimeUnit.SECONDS)) {
            server.shutdownNow();
            server.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }
}
