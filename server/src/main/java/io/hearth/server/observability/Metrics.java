package io.hearth.server.observability;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The server's metrics, in the Prometheus text format: every RPC as a timer by method and status
 * code ({@code hearth_rpc_seconds}: count, sum and a latency histogram, so request and error
 * counts and percentiles all come from it), the database pool (HikariCP reports to {@link
 * #registry()} when the database is opened with it), and the JVM (memory, GC, threads, CPU,
 * uptime). One instance per server.
 */
@Singleton
public final class Metrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<String, Timer> rpcTimers = new ConcurrentHashMap<>();
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

    @Inject
    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Runs {@code refresh} before each scrape (figures read from the database when stale). */
    public void beforeScrape(Runnable refresh) {
        beforeScrape.add(requireNonNull(refresh, "refresh is null"));
    }

    /** Everything, in the Prometheus text exposition format. */
    public String scrape() {
        beforeScrape.forEach(Runnable::run);
        return registry.scrape();
    }

    /** Times every call, by method and the status code it ends with. */
    public ServerInterceptor interceptor() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                long started = System.nanoTime();
                String method = call.getMethodDescriptor().getFullMethodName();
                return next.startCall(
                        new SimpleForwardingServerCall<>(call) {
                            @Override
                            public void close(Status status, Metadata trailers) {
                                timer(method, status.getCode())
                                        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                                super.close(status, trailers);
                            }
                        },
                        headers);
            }
        };
    }

    private Timer timer(String method, Status.Code code) {
        return rpcTimers.computeIfAbsent(
                method + ' ' + code,
                key -> Timer.builder("hearth.rpc")
                        .description("gRPC calls served, by method and status code")
                        .tag("method", method)
                        .tag("code", code.name())
                        .publishPercentileHistogram()
                        .register(registry));
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
