package io.hearth.server;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.hearth.core.app.Escalations;
import io.hearth.core.diagnostics.FailureSummary;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs speed-to-lead escalation and round-robin assignment ({@link Escalations}) every few seconds.
 * Safe on many servers at once: the database lets one of them escalate, assign or reassign a lead,
 * and the round-robin turn is a row each assignment locks.
 */
public final class EscalationJob implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EscalationJob.class);
    /** Leads per step of a pass; a pass with a full step runs again at once. */
    private static final int BATCH = 200;

    private final Escalations escalations;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "hearth-escalation");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public EscalationJob(Escalations escalations) {
        this.escalations = requireNonNull(escalations, "escalations is null");
    }

    public void start(Duration period) {
        scheduler.scheduleWithFixedDelay(this::runOnce, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass. */
    public void runOnce() {
        try {
            Escalations.Pass pass;
            do {
                pass = escalations.run(BATCH);
                if (pass.any()) {
                    log.info(
                            "speed to lead: {} unowned inbound leads assigned, {} escalated, {} past their deadline"
                                    + " of which {} reassigned",
                            pass.assigned(),
                            pass.escalated(),
                            pass.settled(),
                            pass.reassigned());
                }
            } while ((pass.assigned() == BATCH || pass.escalated() == BATCH || pass.settled() == BATCH)
                    && !Thread.currentThread().isInterrupted());
        } catch (RuntimeException e) {
            // keep the schedule alive: the next run retries what this one could not do
            log.warn("speed-to-lead escalation failed; retrying on the next run: {}", FailureSummary.of(e));
            log.debug("speed-to-lead escalation failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
