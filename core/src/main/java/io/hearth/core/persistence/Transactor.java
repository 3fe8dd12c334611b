package io.hearth.core.persistence;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Runs units of work in one database transaction each. Work that fails on a serialization conflict
 * or a deadlock is retried a few times with a short random back-off: both databases abort one of two
 * colliding transactions and expect the application to try again.
 */
public final class Transactor {
    private static final Set<String> RETRYABLE_SQL_STATES = Set.of("40001", "40P01");
    private static final int MAX_ATTEMPTS = 5;

    private final DSLContext dsl;

    public Transactor(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    /** Runs {@code work} in a transaction (or joins the one open on this thread) and returns its result. */
    public <T> T inTransaction(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return dsl.transactionResult(work::get);
            } catch (DataAccessException e) {
                if (attempt >= MAX_ATTEMPTS || !isRetryable(e)) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    public void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && RETRYABLE_SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }
}
