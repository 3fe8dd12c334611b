package io.hearth.core.sync;

import static java.util.Objects.requireNonNull;

import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.RecordReader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Reads and prepares the next batch on a second thread while the caller stores the current one,
 * so parsing, mapping and cleaning (the phone parse above all) overlap the database's work instead
 * of adding to it. At most one batch is read ahead. The reader is only ever used by that thread,
 * one call at a time; nothing read ahead is stored, so a run that stops or retries resumes from
 * the cursor of the last stored batch as before.
 */
public final class ReadAhead implements AutoCloseable {
    /** A batch as read, and its records as the applier will store them. */
    public record Read(Batch batch, BatchPlanner.Prepared prepared) {}

    private final RecordReader reader;
    private final int batchSize;
    private final Function<Batch, BatchPlanner.Prepared> prepare;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "hearth-sync-read-ahead");
        t.setDaemon(true);
        return t;
    });
    private Future<Read> pending;

    public ReadAhead(RecordReader reader, int batchSize, Function<Batch, BatchPlanner.Prepared> prepare) {
        this.reader = requireNonNull(reader, "reader is null");
        this.batchSize = batchSize;
        this.prepare = requireNonNull(prepare, "prepare is null");
    }

    /**
     * The next batch, prepared; starts reading the one after it unless this one is the last.
     * Throws what reading or preparing it threw (a retriable or fatal connector exception).
     */
    public Read next() {
        if (pending == null) {
            pending = readNext();
        }
        Future<Read> current = pending;
        pending = null;
        Read read = await(current);
        if (!read.batch().last()) {
            pending = readNext();
        }
        return read;
    }

    private Future<Read> readNext() {
        return thread.submit(() -> {
            Batch batch = reader.read(batchSize);
            return new Read(batch, prepare.apply(batch));
        });
    }

    private static Read await(Future<Read> read) {
        try {
            return read.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("reading ahead failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next batch", e);
        }
    }

    /** Waits for a read in flight (the reader is closed next and must not be mid-read), then stops the thread. */
    @Override
    public void close() {
        try {
            if (pending != null) {
                try {
                    pending.get();
                } catch (ExecutionException e) {
                    // the run is ending or retrying anyway; what failed ahead is read again next time
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            thread.shutdownNow();
        }
    }
}
