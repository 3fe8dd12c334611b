package io.hearth.server;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.google.rpc.ErrorInfo;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.hearth.core.error.DatabaseUnavailableException;
import io.hearth.core.persistence.Database;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, for the gRPC health service: without it the server can answer
 * nothing, so load balancers should send calls elsewhere. A background check asks the database every
 * second (a pool connection that passes {@code isValid}, which takes at most about the connect
 * timeout when the database is gone), and a call answered UNAVAILABLE because of the database marks
 * it unreachable at once; the next check that reaches it marks it back.
 */
@Singleton
public final class DatabaseHealth implements AutoCloseable {
    static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(DatabaseHealth.class);

    private final Database database;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "hearth-db-health");
        thread.setDaemon(true);
        return thread;
    });
    private Consumer<Boolean> onChange = available -> {};
    private boolean available = true;
    /** When a call last found the database unavailable ({@link System#nanoTime}). */
    private long lostAt;

    @Inject
    public DatabaseHealth(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    /** Starts checking every {@link #PERIOD}; {@code onChange} hears each change (true: reachable). */
    public synchronized void start(Consumer<Boolean> listener) {
        this.onChange = requireNonNull(listener, "listener is null");
        checker.scheduleWithFixedDelay(this::check, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized boolean available() {
        return available;
    }

    /** Asks the database now. */
    void check() {
        long started = System.nanoTime();
        boolean answers;
        try {
            answers = database.isAvailable();
        } catch (RuntimeException e) {
            answers = false;
        }
        if (Thread.currentThread().isInterrupted()) {
            return; // stopped while asking: the answer says nothing about the database
        }
        synchronized (this) {
            if (answers && lostAt - started > 0) {
                return; // a call found it gone while this check was under way: the next check decides
            }
            change(answers);
        }
    }

    /** A call found the database unavailable. */
    synchronized void lost() {
        lostAt = System.nanoTime();
        change(false);
    }

    /**
     * Sees every call end: one answered UNAVAILABLE because of the database marks it unreachable. Put
     * it outside the interceptor that turns failures into statuses, so it sees the status they end with.
     */
    public ServerInterceptor interceptor() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                return next.startCall(
                        new SimpleForwardingServerCall<>(call) {
                            @Override
                            public void close(Status status, Metadata trailers) {
                                if (status.getCode() == Status.Code.UNAVAILABLE
                                        && databaseUnavailable(status, trailers)) {
                                    lost();
                                }
                                super.close(status, trailers);
                            }
                        },
                        headers);
            }
        };
    }

    @Override
    public void close() {
        checker.shutdownNow();
        try {
            checker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void change(boolean answers) {
        if (answers == available) {
            return;
        }
        available = answers;
        if (answers) {
            log.info("the database answers again: health is SERVING");
        } else {
            log.warn("the database cannot be reached: health is NOT_SERVING until it answers again");
        }
        onChange.accept(answers);
    }

    private static boolean databaseUnavailable(Status status, Metadata trailers) {
        com.google.rpc.Status details = StatusProto.fromStatusAndTrailers(status, trailers);
        return details.getDetailsList().stream()
                .filter(detail -> detail.is(ErrorInfo.class))
                .anyMatch(detail -> {
                    try {
                        return DatabaseUnavailableException.REASON.equals(
                                detail.unpack(ErrorInfo.class).getReason());
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        return false;
                    }
                });
    }
}
