package io.hearth.core.persistence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.Configuration;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import org.jooq.TransactionListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.DefaultTransactionListenerProvider;

/**
 * Counts the statements jOOQ sends on one database, its rendered reads ({@link RenderedQuery}) included (a batch counts once: one round trip), and
 * keeps their SQL, for tests that pin how many statements a write costs. It also counts the
 * transactions begun, nested ones (savepoints: two more round trips each) included.
 */
public final class StatementCounter implements ExecuteListener, TransactionListener {
    private final List<String> statements = new ArrayList<>();
    private volatile boolean counting;
    private int transactionsBegun;

    private StatementCounter() {}

    /** Adds a counter to {@code database}'s jOOQ configuration, beside its own listeners. */
    public static StatementCounter on(Database database) {
        StatementCounter counter = new StatementCounter();
        Configuration configuration = database.dsl().configuration();
        ExecuteListenerProvider[] existing = configuration.executeListenerProviders();
        ExecuteListenerProvider[] all = Arrays.copyOf(existing, existing.length + 1);
        all[existing.length] = new DefaultExecuteListenerProvider(counter);
        configuration.set(all);
        TransactionListenerProvider[] transactions = configuration.transactionListenerProviders();
        TransactionListenerProvider[] allTransactions = Arrays.copyOf(transactions, transactions.length + 1);
        allTransactions[transactions.length] = new DefaultTransactionListenerProvider(counter);
        configuration.set(allTransactions);
        // the reads run past jOOQ's listeners (RenderedQuery) say so here
        configuration.data(RenderedQuery.OBSERVER, (Consumer<String>) counter::rendered);
        return counter;
    }

    /** The statements {@code work} sent, in order. */
    public synchronized List<String> during(Runnable work) {
        statements.clear();
        transactionsBegun = 0;
        counting = true;
        try {
            work.run();
        } finally {
            counting = false;
        }
        return List.copyOf(statements);
    }

    /** The transactions the last {@link #during} began, nested ones (savepoints) included. */
    public synchronized int transactionsBegun() {
        return transactionsBegun;
    }

    @Override
    public synchronized void beginStart(TransactionContext ctx) {
        if (counting) {
            transactionsBegun++;
        }
    }

    private synchronized void rendered(String sql) {
        if (counting) {
            statements.add(sql);
        }
    }

    @Override
    public synchronized void executeStart(ExecuteContext ctx) {
        if (counting) {
            String[] batch = ctx.batchSQL();
            statements.add(batch.length > 1 ? batch.length + " x " + batch[0] : ctx.sql());
        }
    }
}
