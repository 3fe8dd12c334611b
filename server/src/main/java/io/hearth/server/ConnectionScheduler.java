package io.hearth.server;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.hearth.core.app.Connections;
import io.hearth.core.diagnostics.FailureSummary;
import io.hearth.core.error.HearthException;
import io.hearth.core.sync.Connection;
import io.hearth.core.sync.SyncListener;
import io.hearth.core.sync.SyncRun;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs connections on their schedules. Every period it takes the connections that are due (core
 * decides, and of several servers on one database exactly one takes each slot) and runs each on a
 * worker of its own, at most {@link #MAX_RUNNING} at once; a connection due while all workers are
 * busy waits for the next period. A run that cannot start (its connection runs already, on this
 * server or another; a secret the server lacks) is logged and its slot is lost, not retried: the
 * next slot comes one interval later.
 */
public final class ConnectionScheduler implements AutoCloseable {
    /** Scheduled runs at once on one server, so schedules cannot take every database connection. */
    public static final int MAX_RUNNING = 4;

    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ConnectionScheduler.class);

    private final Connections connections;
    private final Semaphore workers = new Semaphore(MAX_RUNNING);
    private final AtomicInteger started = new AtomicInteger();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hearth-connection-scheduler");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService runs = Executors.newFixedThreadPool(MAX_RUNNING, r -> {
        Thread t = new Thread(r, "hearth-scheduled-run");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public ConnectionScheduler(Connections connections) {
        this.connections = requireNonNull(connections, "connections is null");
    }

    /** Looks for due connections every {@code period}, the first time after one period. */
    public void start(Duration period) {
        ticks.scheduleWithFixedDelay(this::tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many scheduled runs this server started (for tests and logs). */
    public int started() {
        return started.get();
    }

    /** Waits up to {@code wait} for this server's scheduled runs to end; false when some still run. */
    public boolean awaitIdle(Duration wait) throws InterruptedException {
        if (!workers.tryAcquire(MAX_RUNNING, wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        workers.release(MAX_RUNNING);
        return true;
    }

    /** Takes the due connections and starts their runs; the timer calls it every period. */
    public void tick() {
        try {
            int free = workers.availablePermits();
            if (free == 0) {
                return;
            }
            for (Connection due : connections.takeDue(free)) {
                workers.acquireUninterruptibly();
                started.incrementAndGet();
                runs.execute(() -> {
                    try {
                        run(due);
                    } finally {
                        workers.release();
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn("cannot look for due connections: {}", FailureSummary.of(e));
            log.debug("cannot look for due connections", e);
        }
    }

    private void run(Connection due) {
        try {
            SyncRun run = connections.run(due.name(), SyncListener.NONE);
            log.info(
                    "scheduled run of {} ({}) ended {}",
                    due.name(),
                    due.fields().displayName(),
                    run.state());
        } catch (HearthException e) {
            log.warn(
                    "scheduled run of {} ({}) did not start: {}",
                    due.name(),
                    due.fields().displayName(),
                    e.getMessage());
        } catch (RuntimeException e) {
            log.error("scheduled run of {} failed: {}", due.name(), FailureSummary.of(e));
            log.debug("scheduled run of {} failed", due.name(), e);
        }
    }

    /** Takes no new runs; the sync engine ends those going (SyncRunKeeper.stopRuns). */
    @Override
    public void close() {
        ticks.shutdownNow();
        runs.shutdown();
    }
}
