package io.hearth.core.persistence;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;

/** Statement shapes for writing and matching a thousand rows at a time, as imports do. */
final class BulkSql {
    /** Microseconds, as the columns store them, and an offset PostgreSQL reads ("Z" for UTC). */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSXXX");

    private BulkSql() {}

    /**
     * Inserts every column of {@code records}, joining the caller's transaction: on PostgreSQL with
     * one {@code COPY}, elsewhere through one prepared statement and one JDBC batch.
     */
    static <R extends TableRecord<R>> void insert(DSLContext dsl, Table<R> table, Collection<R> records) {
        if (records.isEmpty()) {
            return;
        }
        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            copy(dsl, table, records);
        } else {
            batch(dsl, table, records);
        }
    }

    /**
     * jOOQ renders the statement; the rows go straight to JDBC:
     * jOOQ's {@code batchInsert(records)} renders the SQL once per record (and HSQLDB compiles
     * every statement prepared), and its bind-value batches took twice as long as plain JDBC for
     * the same rows on PostgreSQL (measured on a 30,000-row import).
     */
    private static <R extends TableRecord<R>> void batch(DSLContext dsl, Table<R> table, Collection<R> records) {
        Field<?>[] columns = table.fields();
        String sql = dsl.render(dsl.insertInto(table).columns(columns).values(new Object[columns.length]));
        dsl.connection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (R record : records) {
                    for (int i = 0; i < columns.length; i++) {
                        insert.setObject(i + 1, record.get(i));
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /**
     * PostgreSQL's bulk load: the rows as CSV through {@code COPY ... FROM STDIN}, which parses and
     * checks them like inserts (constraints, foreign keys, the transaction) without a statement per
     * row. A 1,000,000-row import wrote its lead rows in 22 s this way against 44 s as rewritten
     * multi-row batch inserts (ImportBench, "import, no rating", on a quiet 2-core machine).
     */
    private static <R extends TableRecord<R>> void copy(DSLContext dsl, Table<R> table, Collection<R> records) {
        Field<?>[] columns = table.fields();
        String sql = "COPY " + dsl.render(table) + " ("
                + Arrays.stream(columns)
                        .map(c -> dsl.render(c.getUnqualifiedName()))
                        .collect(Collectors.joining(", "))
                + ") FROM STDIN (FORMAT csv)";
        StringBuilder csv = new StringBuilder(records.size() * columns.length * 16);
        // a batch's rows mostly share their times (written "now"), and formatting one is not cheap
        Map<OffsetDateTime, String> times = new HashMap<>();
        for (R record : records) {
            for (int i = 0; i < columns.length; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                // by index: record.intoArray() looks a mapper up in jOOQ's cache on every call,
                // three quarters of this method's time in a profiled import
                Object value = record.get(i);
                if (value instanceof OffsetDateTime time) {
                    csv.append(times.computeIfAbsent(time, TIMESTAMP::format));
                } else {
                    appendCsv(csv, value);
                }
            }
            csv.append('\n');
        }
        dsl.connection(connection ->
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(csv.toString())));
    }

    /**
     * One value as PostgreSQL's CSV format reads it: nothing for SQL NULL, text always quoted (so an
     * empty string stays an empty string, and commas, quotes and line breaks stay data).
     */
    static void appendCsv(StringBuilder csv, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof String text) {
            csv.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    csv.append('"');
                }
                csv.append(c);
            }
            csv.append('"');
        } else if (value instanceof OffsetDateTime time) {
            csv.append(TIMESTAMP.format(time));
        } else if (value instanceof BigDecimal decimal) {
            csv.append(decimal.toPlainString());
        } else if (value instanceof Number
                || value instanceof Boolean
                || value instanceof UUID
                || value instanceof LocalDate) {
            // Long, Integer, Short and Double print as PostgreSQL reads them ("1.0E-4", "NaN" included)
            csv.append(value);
        } else {
            throw new IllegalArgumentException("no COPY text for a "
                    + value.getClass().getName() + "; insert it through a batch or teach BulkSql its text form");
        }
    }

    /**
     * A context whose statements carry their values inline. For lookups by a list of a thousand
     * keys: PostgreSQL caches a generic plan for a reused prepared statement, and a plan made while
     * the table was still small keeps seq-scanning it against the whole list once it has grown
     * (measured: one lookup took 1–2 s at 30,000 rows). Inlined, every lookup is planned on the
     * table as it is. jOOQ escapes the inlined values.
     */
    static DSLContext inlined(DSLContext dsl) {
        return DSL.using(dsl.configuration()
                .derive(((Settings) dsl.settings().clone()).withStatementType(StatementType.STATIC_STATEMENT)));
    }
}
