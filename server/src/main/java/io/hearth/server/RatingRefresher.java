package io.hearth.server;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.hearth.core.priority.LeadRatings;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-rates leads whose rating the passing of time has changed (a need date drew near, a reply
 * aged, silence crossed a threshold), so temperatures decay without anyone touching the lead.
 * Safe on many servers at once: each re-rating is its own transaction on current data.
 */
public final class RatingRefresher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RatingRefresher.class);
    private static final int BATCH = 500;

    private final LeadRatings ratings;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "hearth-rating-refresher");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public RatingRefresher(LeadRatings ratings) {
        this.ratings = requireNonNull(ratings, "ratings is null");
    }

    public void start(long periodSeconds) {
        scheduler.scheduleWithFixedDelay(this::refresh, periodSeconds, periodSeconds, TimeUnit.SECONDS);
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
