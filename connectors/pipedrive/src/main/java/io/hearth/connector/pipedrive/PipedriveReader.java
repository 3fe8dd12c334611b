package io.hearth.connector.pipedrive;

import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.SourceRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Reads the streams in turn (persons, then leads, then deletions), each from its watermark in the
 * cursor. A batch holds entries of at most one page fetched for it, and its cursor covers exactly the
 * entries it returned: a read that fails on the next page, or on a page cut short, leaves Hearth with
 * the cursor of the last batch it stored.
 */
final class PipedriveReader implements RecordReader {
    private final List<Phase> phases;
    private final Deque<Entry> page = new ArrayDeque<>();
    private int current;
    private PipedriveCursor cursor;

    PipedriveReader(List<Phase> phases, PipedriveCursor cursor) {
        this.phases = List.copyOf(phases);
        this.cursor = cursor;
    }

    @Override
    public Batch read(int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1, got " + maxRecords);
        }
        if (page.isEmpty()) {
            fetchPage();
        }
        List<SourceRecord> records = new ArrayList<>();
        while (!page.isEmpty() && records.size() < maxRecords) {
            Entry entry = page.poll();
            if (entry.record() != null) {
                records.add(entry.record());
            }
            cursor = phases.get(current).advance(cursor, entry.after());
        }
        return new Batch(records, List.of(), cursor.encode(), page.isEmpty() && nothingAfter());
    }

    /** The next page with entries, moving on to the next stream when one is done. */
    private void fetchPage() {
        while (current < phases.size()) {
            Optional<List<Entry>> entries = phases.get(current).nextPage();
            if (entries.isEmpty()) {
                current++;
            } else if (!entries.get().isEmpty()) {
                page.addAll(entries.get());
                return;
            }
        }
    }

    private boolean nothingAfter() {
        return phases.subList(Math.min(current, phases.size()), phases.size()).stream()
                .noneMatch(Phase::hasMore);
    }

    @Override
    public void close() {
        // nothing held open: each request's connection goes back to the JDK client's pool
    }
}
