package io.hearth.core.persistence;

import static java.util.Objects.requireNonNull;

import io.hearth.core.app.Transactor;
import io.hearth.core.error.HearthException;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * The {@link Transactor} on a jOOQ database: runs units of work in one database transaction each. Work that fails on a serialization conflict
 * or a deadlock is retried a few times with a short random back-off: both databases abort one of two
 * colliding transactions and expect the application to try again.
 *
 * <p>A database that cannot be reached fails the work with
 * {@link io.hearth.core.error.DatabaseUnavailableException}. The {@link CallGuard} is asked before
 * an outermost transaction begins (each attempt) and just before it commits, so the work of a
 * caller that has given up is neither started nor committed.
 */
public final class JooqTransactor implements Transactor {
    private static final Set<String> RETRYABLE_SQL_STATES = Set.of("40001", "40P01");
    private static final int MAX_ATTEMPTS = 5;

    private static final int STRIPES = 64;

    private final DSLContext dsl;
    private final CallGuard guard;
    private final ReentrantLock[] stripes;
    /** Whether this thread runs work of this transactor's already: inner work joins it unguarded. */
    private final ThreadLocal<Boolean> open = ThreadLocal.withInitial(() -> false);

    /** For work that belongs to no caller who might give up. */
    public JooqTransactor(DSLContext dsl) {
        this(dsl, CallGuard.NONE);
    }

    public JooqTransactor(DSLContext dsl, CallGuard guard) {
        this.dsl = requireNonNull(dsl, "dsl is null");
        this.guard = requireNonNull(guard, "guard is null");
        this.stripes = turnsOf(dsl);
    }

    /**
     * The in-process turns of one database: kept with its jOOQ configuration, so every Transactor
     * on one pool takes the same turns however the objects using it were wired.
     */
    private static ReentrantLock[] turnsOf(DSLContext dsl) {
        Map<Object, Object> data = dsl.configuration().data();
        synchronized (data) {
            return (ReentrantLock[]) data.computeIfAbsent(JooqTransactor.class.getName() + ".turns", key -> {
                ReentrantLock[] locks = new ReentrantLock[STRIPES];
                for (int i = 0; i < locks.length; i++) {
                    locks[i] = new ReentrantLock();
                }
                return locks;
            });
        }
    }

    @Override
    public <T> T joined(Supplier<T> work) {
        // a failure propagates to the outermost transaction, which rolls back and retries it all
        return open.get() ? work.get() : inTransaction(work);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (open.get()) {
            return withRetries(work, false);
        }
        open.set(true);
        try {
            return withRetries(work, true);
        } finally {
            open.remove();
        }
    }

    private <T> T withRetries(Supplier<T> work, boolean outermost) {
        for (int attempt = 1; ; attempt++) {
            if (outermost) {
                guard.check();
            }
            try {
                return dsl.transactionResult(() -> {
                    T result = work.get();
                    if (outermost) {
                        guard.check(); // throwing rolls the work back
                    }
                    return result;
                });
            } catch (HearthException e) {
                throw e;
            } catch (RuntimeException e) {
                RuntimeException failure = DatabaseFailures.translate(e);
                if (failure != e || !(e instanceof DataAccessException) || attempt >= MAX_ATTEMPTS || !isRetryable(e)) {
                    throw failure;
                }
                backOff(attempt);
            }
        }
    }

    /**
     * Like {@link #inTransaction}, while no other work for an equal {@code key} runs in this process.
     * For work that locks a row many callers race for, with all but one of them rolling back: on
     * HSQLDB 2.7.4 in MVCC mode a session can then wait forever on the row lock of a session that
     * itself waited and rolled back (reproduced with six sessions scheduling one person's follow-up).
     * Taking turns in the process first leaves the database lock uncontended on the embedded
     * database, where this process is the only one; on PostgreSQL the row lock still orders
     * server instances. Call it where no transaction is open yet: inside one, a caller would wait
     * for its turn while holding that transaction's locks.
     */
    @Override
    public <T> T inTransactionExclusive(Object key, Supplier<T> work) {
        ReentrantLock lock =
                stripes[Math.floorMod(requireNonNull(key, "key is null").hashCode(), stripes.length)];
        lock.lock();
        try {
            return inTransaction(work);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Like {@link #inTransactionExclusive(Object, Supplier)} for work that needs several turns at
     * once (every key claim of a new person or of an import batch): the stripes are taken in one
     * order, so two callers never wait on each other in a circle. An empty {@code keys} takes none.
     */
    @Override
    public <T> T inTransactionExclusive(Collection<?> keys, Supplier<T> work) {
        int[] held = keys.stream()
                .mapToInt(key -> Math.floorMod(key.hashCode(), stripes.length))
                .distinct()
                .sorted()
                .toArray();
        int locked = 0;
        try {
            for (; locked < held.length; locked++) {
                stripes[held[locked]].lock();
            }
            return inTransaction(work);
        } finally {
            for (int i = locked - 1; i >= 0; i--) {
                stripes[held[i]].unlock();
            }
        }
    }

    static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
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
