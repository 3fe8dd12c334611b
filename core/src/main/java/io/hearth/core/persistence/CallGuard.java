package io.hearth.core.persistence;

import io.hearth.core.error.CancelledException;
import io.hearth.core.error.DeadlineExceededException;
import java.util.function.BooleanSupplier;

/**
 * Whether whoever asked for the work still waits for it. The {@link Transactor} asks before it begins
 * a transaction and again just before it commits one, so the work of a caller that gave up (its
 * deadline passed, it cancelled) is never started or committed after the fact. The API edge binds
 * it to its calls; work of no call (background jobs) always goes on.
 */
@FunctionalInterface
public interface CallGuard {
    /** For work that belongs to no caller. */
    CallGuard NONE = () -> {};

    /**
     * Returns when the caller still waits.
     *
     * @throws DeadlineExceededException when the caller's deadline has passed
     * @throws CancelledException when the caller cancelled
     */
    void check();

    /**
     * The guard of a caller whose state the edge reads: a passed deadline is answered before a
     * cancellation (a call whose deadline passed is cancelled too).
     *
     * @param deadlinePassed whether the caller's deadline has passed, asked at each check
     * @param cancelled whether the caller cancelled, asked at each check
     */
    static CallGuard of(BooleanSupplier deadlinePassed, BooleanSupplier cancelled) {
        return () -> {
            if (deadlinePassed.getAsBoolean()) {
                throw new DeadlineExceededException();
            }
            if (cancelled.getAsBoolean()) {
                throw new CancelledException();
            }
        };
    }
}
