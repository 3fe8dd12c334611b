package io.hearth.connector.salesforce;

import io.hearth.connector.crm.http.RetryPolicy;
import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.SourceRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the tests share: a connector whose waits are recorded, not slept, and a way to read to the end. */
final class Fixtures {
    /** The tests' now: the fake's records are from this morning, well before the settle time. */
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    static final RetryPolicy POLICY = RetryPolicy.DEFAULT.withMaxAttempts(4).withJitter(0);

    private Fixtures() {}

    static SalesforceConnector connector(List<Duration> waits) {
        return new SalesforceConnector(
                new Tuning(waits::add, Clock.fixed(NOW, ZoneOffset.UTC), POLICY, Duration.ofSeconds(5)));
    }

    /** Everything one read returns from {@code cursor} on, in batches of {@code batchSize}, and the cursors. */
    record Read(List<SourceRecord> records, List<String> cursors) {
        String lastCursor() {
            return cursors.get(cursors.size() - 1);
        }
    }

    static Read readAll(SalesforceConnector connector, Map<String, String> config, String cursor, int batchSize) {
        List<SourceRecord> records = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        try (RecordReader reader = connector.openReader(config, cursor)) {
            for (int batches = 0; batches < 10_000; batches++) {
                Batch batch = reader.read(batchSize);
                records.addAll(batch.records());
                cursors.add(batch.cursor());
                if (batch.last()) {
                    return new Read(records, cursors);
                }
            }
        }
        throw new AssertionError("the read did not end within 10,000 batches");
    }
}
