package io.hearth.server;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.hearth.core.error.FailureSummary;
import io.hearth.core.priority.LeadRatings;
import io.hearth.core.priority.LearnedProbability;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrains the probability model from the team's closed leads every hour and, when the model
 * changed, re-rates every open lead so the queue reflects it at once. Also re-rates leads whose
 * rating the passing of time has changed (a need date drew near, a reply aged, silence crossed a
 * threshold, a response deadline passed: that records the miss), so temperatures decay without
 * anyone touching the lead.
 *
 * <p>Safe on many servers at once: each re-rating works on current data in a short transaction,
 * and profile writes are guarded by the profile's version, so a re-rating never overwrites a
 * change another server made meanwhile. Each server keeps its own model and retrains on its own
 * schedule, so for up to an hour two servers may rate with models learned an hour apart.
 */
public final class RatingRefresher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RatingRefresher.class);
    private static final int BATCH = 500;
    /** Leads re-rated per transaction after a retraining: row locks are held for a fraction of a second. */
    private static final int MODEL_BATCH = 200;

    private static final long RETRAIN_EVERY_SECONDS = 3_600;

    private final LeadRatings ratings;
    private final LearnedProbability probability;
    /** A changed model whose re-rating of the open leads has not completed yet (it failed): try again. */
    private boolean sweepPending;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "hearth-rating-refresher");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public RatingRefresher(LeadRatings ratings, LearnedProbability probability) {
        this.ratings = requireNonNull(ratings, "ratings is null");
        this.probability = requireNonNull(probability, "probability is null");
    }

    public void start(long periodSeconds) {
        scheduler.scheduleWithFixedDelay(this::retrain, 0, RETRAIN_EVERY_SECONDS, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(this::refreshExpired, periodSeconds, periodSeconds, TimeUnit.SECONDS);
    }

    /**
     * Learns again from the closed leads; if that changed the model, re-rates every open lead. One
     * run of the hourly schedule (also at start: this process's first model is the rules).
     */
    public synchronized void retrain() {
        try {
            LearnedProbability.Retraining result = probability.retrain();
            log.info(
                    result.learned()
                            ? "probability to close learned from the team's closed leads"
                            : "too few closed leads to learn from yet: probability to close follows the rules");
            sweepPending |= result.changed();
            if (sweepPending) {
                int rerated = ratings.rerateOpenLeads(MODEL_BATCH);
                sweepPending = false;
                log.info("re-rated {} open leads with the new probability model", rerated);
            }
        } catch (RuntimeException e) {
            // leads not re-rated yet keep their ratings until the next change or retraining
            log.warn("learning from closed leads or re-rating with the new model failed: {}", FailureSummary.of(e));
            log.debug("learning from closed leads or re-rating with the new model failed", e);
        }
    }

    /** Re-rates every lead whose rating time has come. One run of the per-minute schedule. */
    public void refreshExpired() {
        try {
            int total = 0;
            int done;
            do {
                done = ratings.rerateExpired(BATCH);
                total += done;
            } while (done == BATCH && !Thread.currentThread().isInterrupted());
            if (total > 0) {
                log.info("re-rated {} leads whose rating time had come", total);
            }
        } catch (RuntimeException e) {
            // keep the schedule alive: the next run retries what this one could not do
            log.warn("re-rating failed; retrying on the next run: {}", FailureSummary.of(e));
            log.debug("re-rating failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
