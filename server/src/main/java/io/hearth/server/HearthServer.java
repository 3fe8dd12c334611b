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
import io.hearth.server.auth.AuthInterceptor;
import io.hearth.server.auth.Authentication;
import io.hearth.server.config.ServerConfig;
import io.hearth.server.grpc.UnparseableRequests;
import io.hearth.server.limits.LimitsInterceptor;
import io.hearth.server.observability.AccessLog;
import io.hearth.server.observability.Metrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server: Hearth's services behind the shared interceptors, plus the standard health and
 * reflection services so load balancers and generic gRPC tools can talk to it; those two need no token. Health reports
 * NOT_SERVING, for the server and each service, while the database cannot be reached.
 */
public final class HearthServer {
    private final ServerBuilder<?> builder;
    private final Set<BindableService> services;
    private final Set<ServerInterceptor> interceptors;
    private final DatabaseHealth databaseHealth;
    private final Authentication authentication;
    private final AuthInterceptor auth;
    private final LimitsInterceptor limits;
    private final int maxMessageBytes;
    private final Metrics metrics;
    private final HealthStatusManager health = new HealthStatusManager();
    private List<String> serviceNames = List.of();
    private Server server;
    /** The network transport's own event loops; none in process (tests). */
    private ServerEventLoops eventLoops;

    @Inject
    public HearthServer(
            ServerBuilder<?> builder,
            Set<BindableService> services,
            Set<ServerInterceptor> interceptors,
            DatabaseHealth databaseHealth,
            Authentication authentication,
            AuthInterceptor auth,
            LimitsInterceptor limits,
            ServerConfig config,
            Metrics metrics) {
        this.builder = requireNonNull(builder, "builder is null");
        this.services = requireNonNull(services, "services is null");
        this.interceptors = requireNonNull(interceptors, "interceptors is null");
        this.databaseHealth = requireNonNull(databaseHealth, "databaseHealth is null");
        this.authentication = requireNonNull(authentication, "authentication is null");
        this.auth = requireNonNull(auth, "auth is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.maxMessageBytes = config.limits().maxMessageBytes();
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Inject(optional = true)
    void eventLoops(ServerEventLoops eventLoops) {
        this.eventLoops = eventLoops;
    }

    public synchronized HearthServer start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        serviceNames = services.stream()
                .map(s -> s.bindService().getServiceDescriptor().getName())
                .toList();
        authentication.start();
        List<ServerInterceptor> chain = new ArrayList<>();
        // the first is innermost: the limits count the caller authentication found; authentication
        // throws core's refusal, which the interceptors outside it map
        chain.add(limits);
        chain.add(auth);
        chain.addAll(interceptors);
        chain.add(databaseHealth.interceptor()); // the last is outermost: it sees the status every call ends with
        // outside all of them: a request whose bytes are no message is refused before anything else sees the call
        for (BindableService service : services) {
            builder.addService(UnparseableRequests.guard(ServerInterceptors.intercept(service, chain)));
        }
        builder.addService(UnparseableRequests.guard(health.getHealthService().bindService()));
        builder.addService(
                UnparseableRequests.guard(ProtoReflectionServiceV1.newInstance().bindService()));
        // gRPC answers a larger request RESOURCE_EXHAUSTED itself, naming both sizes, before any interceptor
        builder.maxInboundMessageSize(maxMessageBytes);
        // around everything, the health and reflection services too: a line per call with its final status
        builder.intercept(new AccessLog());
        builder.intercept(metrics.interceptor());
        try {
            server = builder.build().start();
        } catch (IOException | RuntimeException e) {
            stopEventLoops(); // nothing started on them
            throw e;
        }
        serving(databaseHealth.available());
        databaseHealth.start(this::serving);
        return this;
    }

    /** Sets the health of the server (the service named "") and of each of its services. */
    private void serving(boolean serving) {
        ServingStatus status = serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        for (String name : serviceNames) {
            health.setStatus(name, status);
        }
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
    }

    public int port() {
        return server.getPort();
    }

    /** Stops taking calls, lets in-flight calls finish for up to {@code graceSeconds}, then cancels the rest. */
    public void stop(long graceSeconds) throws InterruptedException {
        if (server == null) {
            return;
        }
        databaseHealth.close();
        health.enterTerminalState();
        server.shutdown();
        if (!server.awaitTermination(graceSeconds, TimeUnit.SECONDS)) {
            server.shutdownNow();
            server.awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server.isTerminated()) {
            stopEventLoops();
        }
    }

    private void stopEventLoops() {
        if (eventLoops == null) {
            return;
        }
        try {
            eventLoops.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }
}
