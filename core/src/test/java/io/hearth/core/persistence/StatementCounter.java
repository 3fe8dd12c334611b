package io.hearth.core.persistence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.Configuration;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * Counts the statements jOOQ sends on one database, its rendered reads ({@link RenderedQuery}) included (a batch counts once: one round trip), and
 * keeps their SQL, for tests that pin how many statements a write costs.
 */
public final class StatementCounter implements ExecuteListener {
    private final List<String> statements = new ArrayList<>();
    private volatile boolean counting;

    private StatementCounter() {}

    /** Adds a counter to {@code database}'s jOOQ configuration, beside its own listeners. */
    public static StatementCounter on(Database database) {
        StatementCounter counter = new StatementCounter();
        Configuration configuration = database.dsl().configuration();
        ExecuteListenerProvider[] existing = configuration.executeListenerProviders();
        ExecuteListenerProvider[] all = Arrays.copyOf(existing, existing.length + 1);
        all[existing.length] = new DefaultExecuteListenerProvider(counter);
        configuration.set(all);
        // the reads run past jOOQ's listeners (RenderedQuery) say so here
        configuration.data(RenderedQuery.OBSERVER, (Consumer<String>) counter::rendered);
        return counter;
    }

    /** The statements {@code work} sent, in order. */
    public synchronized List<String> during(Runnable work) {
        statements.clear();
        counting = true;
        try {
            work.run();
        } finally {
            counting = false;
        }
        return List.copyOf(statements);
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
