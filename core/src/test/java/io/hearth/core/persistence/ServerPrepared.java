package io.hearth.core.persistence;

import java.util.List;
import java.util.function.Consumer;
import org.jooq.DSLContext;

/**
 * Which statements PostgreSQL holds prepared on one connection after some work: for tests that
 * check a read is planned with its values (never prepared, so never given a generic plan).
 */
public final class ServerPrepared {
    /** Past pgJDBC's prepare threshold (5): a statement run this often is prepared unless told not to be. */
    public static final int RUNS = 8;

    private ServerPrepared() {}

    /**
     * Runs {@code work} {@link #RUNS} times on one connection (a transaction of {@code dsl}) and
     * returns the text of every statement prepared on that connection, other tests' included.
     */
    public static List<String> after(DSLContext dsl, Consumer<DSLContext> work) {
        return dsl.transactionResult(transaction -> {
            DSLContext onOneConnection = transaction.dsl();
            for (int run = 0; run < RUNS; run++) {
                work.accept(onOneConnection);
            }
            return onOneConnection
                    .fetch("select statement from pg_prepared_statements")
                    .getValues(0, String.class);
        });
    }
}
