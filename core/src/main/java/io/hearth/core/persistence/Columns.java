package io.hearth.core.persistence;

import org.jooq.Field;
import org.jooq.Record;

/**
 * A row's columns by their jOOQ fields, whether jOOQ fetched the row ({@link #of(Record)}) or a
 * {@link RenderedQuery} did: one mapping from columns to domain values serves both.
 */
interface Columns {
    <T> T get(Field<T> column);

    static Columns of(Record record) {
        return new Columns() {
            @Override
            public <T> T get(Field<T> column) {
                return record.get(column);
            }
        };
    }
}
