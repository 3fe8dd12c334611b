package io.hearth.connector.pipedrive;

import io.hearth.connector.crm.http.RetryPolicy;
import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.SourceRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A connector wired to a fake Pipedrive: its clock is the fake's, and waits are recorded, not slept. */
final class Harness {
    final FakePipedrive pipedrive;
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final PipedriveConnector connector;

    Harness(FakePipedrive pipedrive) {
        this.pipedrive = pipedrive;
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return pipedrive.now();
            }
        };
        this.connector = new PipedriveConnector(new Wiring(waits::add, clock, RetryPolicy.DEFAULT.withJitter(0)));
    }

    /** Every batch of a read from {@code cursor} to its end, at most {@code maxRecords} per batch. */
    List<Batch> readAll(Map<String, String> config, String cursor, int maxRecords) {
        List<Batch> batches = new ArrayList<>();
        try (RecordReader reader = connector.openReader(config, cursor)) {
            for (int i = 0; i < 1000; i++) {
                Batch batch = reader.read(maxRecords);
                batches.add(batch);
                if (batch.last()) {
                    return batches;
                }
            }
        }
        throw new AssertionError("the read did not end within 1000 batches");
    }

    static List<SourceRecord> records(List<Batch> batches) {
        return batches.stream().flatMap(b -> b.records().stream()).toList();
    }

    static String lastCursor(List<Batch> batches) {
        return batches.get(batches.size() - 1).cursor();
    }
}
