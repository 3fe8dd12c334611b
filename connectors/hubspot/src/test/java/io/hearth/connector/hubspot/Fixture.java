package io.hearth.connector.hubspot;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake HubSpot and a connector pointed at it, with a clock the test moves and waits recorded instead
 * of slept. Close it after each test.
 */
final class Fixture implements AutoCloseable {
    /** The clock at the start of every test; a read's window ends a minute before it. */
    static final long NOW = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();

    static final long UNTIL = NOW - 60_000;
    /** A time well inside the first read's window. */
    static final long T0 = Instant.parse("2026-11-30T09:00:00Z").toEpochMilli();

    final FakeHubSpot hubspot = new FakeHubSpot(NOW);
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final MovableClock clock = new MovableClock(NOW);
    final HubSpotConnector connector = new HubSpotConnector(new HubSpotRuntime(
            clock, waits::add, RetryPolicy.DEFAULT.withMaxAttempts(4).withJitter(0), Duration.ofMinutes(1)));

    /** The config for the fake, with more keys and values in pairs. */
    Map<String, String> config(String... more) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("access_token", FakeHubSpot.TOKEN);
        config.put("base_url", hubspot.baseUrl());
        for (int i = 0; i < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        return config;
    }

    /** Everything one read returns, in batches of at most {@code maxRecords}. */
    record Read(List<Batch> batches) {
        List<SourceRecord> records() {
            return batches.stream().flatMap(batch -> batch.records().stream()).toList();
        }

        List<String> ids() {
            return records().stream().map(SourceRecord::externalId).toList();
        }

        String cursor() {
            return batches.get(batches.size() - 1).cursor();
        }
    }

    Read read(String cursor, int maxRecords, String... config) {
        List<Batch> batches = new ArrayList<>();
        try (RecordReader reader = connector.openReader(config(config), cursor)) {
            while (true) {
                Batch batch = reader.read(maxRecords);
                batches.add(batch);
                if (batch.last()) {
                    return new Read(batches);
                }
                if (batches.size() > 10_000) {
                    throw new AssertionError("the read does not end");
                }
            }
        }
    }

    Read read(String cursor, String... config) {
        return read(cursor, 1000, config);
    }

    /** {@code count} contacts with ids from {@code firstId}, modified one second apart from {@code from}. */
    void contacts(long firstId, int count, long from) {
        for (int i = 0; i < count; i++) {
            long id = firstId + i;
            hubspot.contact(
                    id,
                    from + i * 1000L,
                    "firstname",
                    "First" + id,
                    "lastname",
                    "Last" + id,
                    "email",
                    "person" + id + "@example.com",
                    "lifecyclestage",
                    "lead");
        }
    }

    @Override
    public void close() {
        hubspot.close();
    }

    /** A clock that stands still until the test moves it. */
    static final class MovableClock extends Clock {
        private volatile long millis;

        MovableClock(long millis) {
            this.millis = millis;
        }

        void set(long value) {
            millis = value;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test clock is UTC");
        }
    }
}
