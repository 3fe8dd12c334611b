package io.hearth.core.app;

import java.util.Collection;
import java.util.function.Supplier;

/**
 * The port through which use cases make their work atomic: each unit of work commits whole or not
 * at all. Work started while another runs on the same thread commits with it, so use cases compose. The
 * jOOQ implementation ({@code persistence.JooqTransactor}) also retries work a database aborted on a
 * serialization conflict or a deadlock, so work must be safe to run again from its start.
 */
public interface Transactor {

    /**
     * Runs {@code work} in a transaction and returns its result. Inside one open on this thread it
     * runs nested: a failure of {@code work} rolls back what it wrote and leaves the caller's
     * transaction usable (a savepoint: two more round trips on PostgreSQL).
     */
    <T> T inTransaction(Supplier<T> work);

    /**
     * Runs {@code work} as part of the transaction open on this thread, with no savepoint of its
     * own, or in a transaction of its own when none is open: for work whose failure fails its
     * caller's transaction anyway (nobody catches it to carry on), such as the writes a touch sets
     * off. A retriable failure retries the outermost transaction from its start.
     */
    default <T> T joined(Supplier<T> work) {
        return inTransaction(work);
    }

    /**
     * Like {@link #inTransaction}, while no other work for an equal {@code key} runs in this process:
     * for work on a row many callers race for. Call it where no transaction is open yet.
     */
    <T> T inTransactionExclusive(Object key, Supplier<T> work);

    /**
     * Like {@link #inTransactionExclusive(Object, Supplier)} for work that needs several turns at
     * once (the key claims of a new person or of an import batch); an empty {@code keys} takes none.
     */
    <T> T inTransactionExclusive(Collection<?> keys, Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
