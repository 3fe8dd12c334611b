package io.hearth.core.sync;

import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.ConfigType;
import io.hearth.connector.spi.Connector;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.RejectedRecord;
import io.hearth.connector.spi.SourceRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A connector over records held in memory, read a few at a time with the index as cursor. Failures
 * can be planted before a given index; each fires once, like a network hiccup or a crash.
 */
class ListConnector implements Connector {
    private final String name;
    private final List<SourceRecord> records = new ArrayList<>();
    private final List<RejectedRecord> unreadable = new ArrayList<>();
    private final Map<Integer, Runnable> before = new HashMap<>();
    private final int batchSize;
    int opens;

    ListConnector(String name, int batchSize) {
        this.name = name;
        this.batchSize = batchSize;
    }

    ListConnector add(String externalId, Map<String, String> fields) {
        records.add(new SourceRecord(externalId, null, fields, "row " + (records.size() + 1)));
        return this;
    }

    ListConnector add(SourceRecord record) {
        records.add(record);
        return this;
    }

    ListConnector unreadable(RejectedRecord rejected) {
        unreadable.add(rejected);
        return this;
    }

    /** Throws the supplied failure once, when a read would return the record at {@code index}. */
    ListConnector failBefore(int index, Supplier<RuntimeException> failure) {
        return before(index, () -> {
            throw failure.get();
        });
    }

    /** Runs {@code action} once, when a read would return the record at {@code index}: it may block or throw. */
    ListConnector before(int index, Runnable action) {
        before.put(index, action);
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "records held in memory";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(
                ConfigKey.optional("label", ConfigType.STRING, null, "tells sources apart"),
                new ConfigKey("token", ConfigType.STRING, false, null, true, "never shown"));
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.READ);
    }

    @Override
    public RecordReader openReader(Map<String, String> config, String cursor) {
        opens++;
        return new RecordReader() {
            private int next = cursor == null ? 0 : Integer.parseInt(cursor);

            @Override
            public Batch read(int maxRecords) {
                Runnable action = before.remove(next);
                if (action != null) {
                    action.run();
                }
                int end = Math.min(records.size(), next + Math.min(batchSize, maxRecords));
                List<SourceRecord> batch = records.subList(next, end);
                List<RejectedRecord> rejected = next == 0 ? unreadable : List.of();
                next = end;
                return new Batch(batch, rejected, Integer.toString(next), next >= records.size());
            }

            @Override
            public void close() {}
        };
    }
}
