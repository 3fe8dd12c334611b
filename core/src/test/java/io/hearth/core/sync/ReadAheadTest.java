package io.hearth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.RetriableConnectorException;
import io.hearth.connector.spi.SourceRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Reading one batch ahead on a second thread: order, how far ahead, failures and closing. */
class ReadAheadTest {
    /** Three batches of one record each; batch {@code failAt} (1-based) throws a retriable error. */
    private static final class Reader implements RecordReader {
        final AtomicInteger reads = new AtomicInteger();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final AtomicBoolean readFinished = new AtomicBoolean();
        final int failAt;
        final long slowMillis;

        Reader(int failAt, long slowMillis) {
            this.failAt = failAt;
            this.slowMillis = slowMillis;
        }

        @Override
        public Batch read(int maxRecords) {
            int n = reads.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            readFinished.set(false);
            if (n == failAt) {
                throw new RetriableConnectorException("timed out reading batch " + n);
            }
            if (n > 1 && slowMillis > 0) {
                try {
                    Thread.sleep(slowMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            readFinished.set(true);
            return new Batch(
                    List.of(new SourceRecord("id-" + n, null, Map.of("Email", n + "@example.com"), "row " + n)),
                    List.of(),
                    "cursor-" + n,
                    n == 3);
        }

        @Override
        public void close() {}
    }

    private static BatchPlanner.Prepared prepared(Batch batch) {
        return new BatchPlanner.Prepared(batch.records().size(), List.of(), List.of());
    }

    @Test
    void batchesComeInOrderPreparedAndAtMostOneAhead() throws Exception {
        Reader reader = new Reader(0, 0);
        try (ReadAhead ahead = new ReadAhead(reader, 10, ReadAheadTest::prepared)) {
            ReadAhead.Read first = ahead.next();
            assertThat(first.batch().cursor()).isEqualTo("cursor-1");
            assertThat(first.prepared().records()).isEqualTo(1);
            Thread.sleep(100);
            assertThat(reader.reads.get()).as("the batch after it, no further").isEqualTo(2);
            assertThat(ahead.next().batch().cursor()).isEqualTo("cursor-2");
            ReadAhead.Read last = ahead.next();
            assertThat(last.batch().last()).isTrue();
            Thread.sleep(100);
            assertThat(reader.reads.get())
                    .as("nothing is read after the last batch")
                    .isEqualTo(3);
        }
        assertThat(reader.threads)
                .as("one thread uses the reader")
                .hasSize(1)
                .allSatisfy(name -> assertThat(name).isEqualTo("hearth-sync-read-ahead"));
    }

    @Test
    void aFailedReadSurfacesWhenItsBatchIsAskedFor() {
        Reader reader = new Reader(2, 0);
        try (ReadAhead ahead = new ReadAhead(reader, 10, ReadAheadTest::prepared)) {
            assertThat(ahead.next().batch().cursor()).isEqualTo("cursor-1");
            assertThatThrownBy(ahead::next)
                    .isInstanceOf(RetriableConnectorException.class)
                    .hasMessageContaining("batch 2");
        }
    }

    @Test
    void closeWaitsForTheReadInFlightBeforeTheReaderCanBeClosed() {
        Reader reader = new Reader(0, 300);
        ReadAhead ahead = new ReadAhead(reader, 10, ReadAheadTest::prepared);
        ahead.next();

        ahead.close();

        assertThat(reader.reads.get()).isEqualTo(2);
        assertThat(reader.readFinished.get())
                .as("the read ahead finished before close returned")
                .isTrue();
    }
}
