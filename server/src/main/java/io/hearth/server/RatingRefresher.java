package io.hearth.server;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.hearth.core.priority.LeadRatings;
import io.hearth.core.priority.LearnedProbability;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrains the probability model from the team's closed leads every hour, and re-rates leads whose
 * rating the passing of time has changed (a need date drew near, a reply aged, silence crossed a
 * threshold), so temperatures decay without anyone touching the lead.
 * Safe on many servers at once: each re-rating is its own transaction on current data.
 */
public final class RatingRefresher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RatingRefresher.class);
    private static final int BATCH = 500;

    private static final long RETRAIN_EVERY_SECONDS = 3_600;

    private final LeadRatings ratings;
    private final LearnedProbability probability;
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
        scheduler.scheduleWithFixedDelay(this::refresh, periodSeconds, periodSeconds, TimeUnit.SECONDS);
    }

    private void retrain() {
        try {
            boolean learned = probability.retrain();
            log.info(learned ? "probability to close learned from the team's closed leads"
                    : "too few closed leads to learn from yet: probability to close follows the rules");
        } catch (RuntimeException e) {
            log.warn("learning from closed leads failed; keeping the previous model", e);
        }
    }

    private void refresh() {
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
            log.warn("re-rating failed; retrying on the next run", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
