package io.hearth.core.persistence;

import static io.hearth.core.persistence.generated.Tables.CONNECTION;
import static io.hearth.core.persistence.generated.Tables.CONNECTION_SETTING;
import static io.hearth.core.persistence.generated.Tables.SYNC_CURSOR;
import static io.hearth.core.persistence.generated.Tables.SYNC_RUN;
import static java.util.Objects.requireNonNull;

import io.hearth.core.persistence.generated.tables.records.ConnectionRecord;
import io.hearth.core.persistence.generated.tables.records.ConnectionSettingRecord;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageToken;
import io.hearth.core.sync.Connection;
import io.hearth.core.sync.ConnectionDirection;
import io.hearth.core.sync.ConnectionFields;
import io.hearth.core.sync.ConnectionSchedule;
import io.hearth.core.sync.ConnectionStore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/** {@link ConnectionStore} on jOOQ; runs unchanged on HSQLDB and PostgreSQL. */
public final class JooqConnectionStore implements ConnectionStore {
    private final DSLContext dsl;

    public JooqConnectionStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    @Override
    public boolean insert(Connection connection) {
        try {
            // PostgreSQL waits for a concurrent insert of the name and then inserts nothing;
            // HSQLDB refuses the second insert at once
            if (dsl.insertInto(CONNECTION)
                            .set(toRecord(connection))
                            .onConflictDoNothing()
                            .execute()
                    == 0) {
                return false;
            }
        } catch (IntegrityConstraintViolationException taken) {
            return false;
        }
        insertSettings(connection);
        return true;
    }

    @Override
    public Optional<Connection> find(UUID id) {
        return dsl.selectFrom(CONNECTION)
                .where(CONNECTION.ID.eq(id))
                .fetchOptional()
                .map(this::toConnection);
    }

    @Override
    public Optional<Connection> findByDisplayName(String displayName) {
        return dsl.selectFrom(CONNECTION)
                .where(CONNECTION.DISPLAY_NAME.eq(displayName))
                .fetchOptional()
                .map(this::toConnection);
    }

    @Override
    public boolean update(Connection connection, long expectedVersion) {
        ConnectionRecord record = toRecord(connection);
        record.changed(CONNECTION.ID, false);
        record.changed(CONNECTION.CREATED_AT, false);
        record.changed(CONNECTION.CONNECTOR, false);
        int updated = dsl.update(CONNECTION)
                .set(record)
                .where(CONNECTION.ID.eq(connection.id()).and(CONNECTION.VERSION.eq(expectedVersion)))
                .execute();
        if (updated == 0) {
            return false;
        }
        dsl.deleteFrom(CONNECTION_SETTING)
                .where(CONNECTION_SETTING.CONNECTION_ID.eq(connection.id()))
                .execute();
        insertSettings(connection);
        return true;
    }

    @Override
    public boolean delete(UUID id) {
        dsl.deleteFrom(CONNECTION_SETTING)
                .where(CONNECTION_SETTING.CONNECTION_ID.eq(id))
                .execute();
        return dsl.deleteFrom(CONNECTION).where(CONNECTION.ID.eq(id)).execute() == 1;
    }

    @Override
    public List<Connection> due(Instant at, int limit) {
        return dsl.selectFrom(CONNECTION)
                .where(CONNECTION.NEXT_RUN_AT.le(toOffset(at)))
                .orderBy(CONNECTION.NEXT_RUN_AT, CONNECTION.ID)
                .limit(limit)
                .fetch(this::toConnection);
    }

    @Override
    public boolean takeSlot(UUID id, Instant due, Instant next) {
        return dsl.update(CONNECTION)
                        .set(CONNECTION.NEXT_RUN_AT, toOffset(next))
                        .where(CONNECTION.ID.eq(id).and(CONNECTION.NEXT_RUN_AT.eq(toOffset(due))))
                        .execute()
                == 1;
    }

    @Override
    public Page<Connection> list(int pageSize, Optional<PageToken> after, String fingerprint) {
        var select = dsl.selectFrom(CONNECTION).orderBy(CONNECTION.DISPLAY_NAME, CONNECTION.ID);
        List<ConnectionRecord> records = after.map(token -> select.seek(token.sortValue(), UUID.fromString(token.id()))
                        .limit(pageSize + 1)
                        .fetch())
                .orElseGet(() -> select.limit(pageSize + 1).fetch());
        boolean more = records.size() > pageSize;
        List<Connection> page =
                records.stream().limit(pageSize).map(this::toConnection).toList();
        Optional<String> next = Optional.empty();
        if (more) {
            Connection last = page.get(page.size() - 1);
            next = Optional.of(new PageToken(
                            fingerprint, last.fields().displayName(), last.id().toString())
                    .encode());
        }
        return new Page<>(page, next);
    }

    private void insertSettings(Connection connection) {
        List<ConnectionSettingRecord> rows = new ArrayList<>();
        ConnectionFields fields = connection.fields();
        new TreeMap<>(fields.config())
                .forEach((key, value) -> rows.add(new ConnectionSettingRecord(connection.id(), key, value, false)));
        new TreeMap<>(fields.secretRefs())
                .forEach((key, ref) -> rows.add(new ConnectionSettingRecord(connection.id(), key, ref, true)));
        if (!rows.isEmpty()) {
            dsl.batchInsert(rows).execute();
        }
    }

    private Connection toConnection(ConnectionRecord r) {
        Map<String, String> config = new TreeMap<>();
        Map<String, String> secretRefs = new TreeMap<>();
        dsl.selectFrom(CONNECTION_SETTING)
                .where(CONNECTION_SETTING.CONNECTION_ID.eq(r.getId()))
                .forEach(s -> (s.getSecretRef() ? secretRefs : config).put(s.getSettingKey(), s.getSettingValue()));
        String sourceKey = Connection.nameOf(r.getId());
        String cursor = dsl.select(SYNC_CURSOR.CURSOR_VALUE)
                .from(SYNC_CURSOR)
                .where(SYNC_CURSOR.CONNECTOR.eq(r.getConnector()).and(SYNC_CURSOR.SOURCE_KEY.eq(sourceKey)))
                .fetchOptional(SYNC_CURSOR.CURSOR_VALUE)
                .orElse(null);
        UUID lastRun = dsl.select(SYNC_RUN.ID)
                .from(SYNC_RUN)
                .where(SYNC_RUN.SOURCE_KEY.eq(sourceKey))
                .orderBy(SYNC_RUN.STARTED_AT.desc(), SYNC_RUN.ID.desc())
                .limit(1)
                .fetchOptional(SYNC_RUN.ID)
                .orElse(null);
        ConnectionFields fields = new ConnectionFields(
                r.getDisplayName(),
                r.getConnector(),
                config,
                secretRefs,
                r.getScheduleMinutes() == null
                        ? ConnectionSchedule.MANUAL
                        : ConnectionSchedule.every(r.getScheduleMinutes()),
                ConnectionDirection.valueOf(r.getDirection()),
                r.getEnabled());
        return new Connection(
                r.getId(),
                fields,
                r.getCreatedAt().toInstant(),
                r.getUpdatedAt().toInstant(),
                r.getVersion(),
                r.getNextRunAt() == null ? null : r.getNextRunAt().toInstant(),
                cursor,
                lastRun);
    }

    private static ConnectionRecord toRecord(Connection c) {
        ConnectionFields f = c.fields();
        ConnectionRecord r = new ConnectionRecord();
        r.setId(c.id());
        r.setDisplayName(f.displayName());
        r.setConnector(f.connector());
        r.setScheduleMinutes(f.schedule().manual() ? null : f.schedule().everyMinutes());
        r.setDirection(f.direction().name());
        r.setEnabled(f.enabled());
        r.setVersion(c.version());
        r.setNextRunAt(c.nextRunAt() == null ? null : toOffset(c.nextRunAt()));
        r.setCreatedAt(toOffset(c.createdAt()));
        r.setUpdatedAt(toOffset(c.updatedAt()));
        return r;
    }

    private static OffsetDateTime toOffset(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
