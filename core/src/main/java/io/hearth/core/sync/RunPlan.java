package io.hearth.core.sync;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What one run does: read (with some fields left unread), then optionally write back, both under
 * the run's one claim of its source and its lease, so no two runs of a source overlap.
 *
 * @param read whether the run reads the source first
 * @param unreadFields Hearth fields a read must not apply (those Hearth owns on a connection): people's
 *     fields, and {@link io.hearth.connector.spi.DealFields} names a deal read does not apply to a
 *     deal Hearth has
 * @param write what the run writes after reading; {@code null} for none
 * @param dealsRead told what the source holds of the deals each batch read; {@code null} for none
 */
public record RunPlan(boolean read, Set<String> unreadFields, WriteStep write, DealsRead dealsRead) {
    public static final RunPlan READ = new RunPlan(true, Set.of(), null);

    /** A plan that reads no deals for a write-back. */
    public RunPlan(boolean read, Set<String> unreadFields, WriteStep write) {
        this(read, unreadFields, write, null);
    }

    public RunPlan {
        unreadFields = Set.copyOf(requireNonNull(unreadFields, "unreadFields is null"));
        if (!read && write == null) {
            throw new IllegalArgumentException("a run must read or write");
        }
    }

    /** Work a run does after reading, with the run's source claim and lease held. */
    @FunctionalInterface
    public interface WriteStep {
        /** @return the run with what the step stored through {@code progress} */
        SyncRun write(SyncRun run, Progress progress);
    }

    /** Stores a write step's progress as a read stores a batch. */
    @FunctionalInterface
    public interface Progress {
        /**
         * Runs {@code work} and stores the run's added counts and rejections in one transaction
         * that renews the run's lease, then reports the run to its listener. Ends the run, by
         * throwing, when it was cancelled, its server is stopping or another server took it over.
         *
         * @return the run with the counts added
         */
        SyncRun store(SyncRun run, SyncCounts added, List<Rejection> rejections, Runnable work);
    }

    /** What a write-back keeps of the deals a read found, so it does not send the source its own values. */
    @FunctionalInterface
    public interface DealsRead {
        /**
         * Called in the transaction that stores a batch of deals.
         *
         * @param values by deal id, the values the source holds, by
         *     {@link io.hearth.connector.spi.DealFields} name and in Hearth's terms (its stage mapped
         *     to Hearth's key), of each deal the batch stored
         */
        void read(SyncRun run, Map<UUID, Map<String, String>> values, Instant at);
    }
}
