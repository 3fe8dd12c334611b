package io.hearth.connector.pipedrive;

import static java.util.Objects.requireNonNull;

import io.hearth.connector.spi.SourceRecord;

/**
 * One item of a page, in order: the record it gives Hearth, or {@code null} when it gives none (a lead
 * without a person, a change that is no deletion), and its stream's watermark once it is returned.
 */
record Entry(SourceRecord record, Watermark after) {
    Entry {
        requireNonNull(after, "after is null");
    }
}
