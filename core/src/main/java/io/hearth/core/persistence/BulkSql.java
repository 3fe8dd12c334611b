package io.hearth.core.persistence;

import java.util.Collection;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;

/** Statement shapes for writing and matching a thousand rows at a time, as imports do. */
final class BulkSql {
    private BulkSql() {
    }

    /**
     * Inserts every column of {@code records} through one prepared statement and one JDBC batch.
     * jOOQ's own {@code batchInsert(records)} renders the SQL once per record, and HSQLDB compiles
     * each statement jOOQ prepares, so that path costs more than the insert itself.
     */
    static <R extends TableRecord<R>> void insert(DSLContext dsl, Table<R> table, Collection<R> records) {
        if (records.isEmpty()) {
            return;
        }
        Field<?>[] columns = table.fields();
        BatchBindStep batch = dsl.batch(dsl.insertInto(table).columns(columns).values(new Object[columns.length]));
        for (R record : records) {
            batch.bind(record.intoArray());
        }
        batch.execute();
    }

    /**
     * A context whose statements carry their values inline. For lookups by a list of a thousand
     * keys: PostgreSQL caches a generic plan for a reused prepared statement, and a plan made while
     * the table was still small keeps seq-scanning it against the whole list once it has grown
     * (measured: one lookup took 1–2 s at 30,000 rows). Inlined, every lookup is planned on the
     * table as it is. jOOQ escapes the inlined values.
     */
    static DSLContext inlined(DSLContext dsl) {
        return DSL.using(dsl.configuration().derive(
                ((Settings) dsl.settings().clone()).withStatementType(StatementType.STATIC_STATEMENT)));
    }
}
