package io.hearth.core.persistence;

import static io.hearth.core.persistence.generated.Tables.AUDIT_CHANGE;
import static io.hearth.core.persistence.generated.Tables.AUDIT_ENTRY;
import static java.util.Objects.requireNonNull;

import io.hearth.core.audit.AuditEntry;
import io.hearth.core.audit.AuditQuery;
import io.hearth.core.audit.AuditStore;
import io.hearth.core.audit.FieldChange;
import io.hearth.core.persistence.generated.tables.records.AuditEntryRecord;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageToken;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * {@link AuditStore} on jOOQ: a row per entry, its changed fields in it as JSON ({@link
 * AuditChangesJson}); entries written before V31 have theirs in {@code audit_change}, a row per
 * field, and are read from there. Runs unchanged on HSQLDB and PostgreSQL.
 */
public final class JooqAuditStore implements AuditStore {
    private final DSLContext dsl;
    /** The entry every audited write adds, rendered once (RenderedQuery). */
    private final RenderedQuery insertEntry;

    public JooqAuditStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
        this.insertEntry = new RenderedQuery(
                dsl, dsl.insertInto(AUDIT_ENTRY).set(RenderedQuery.columnParameters(AUDIT_ENTRY.fields())));
    }

    @Override
    public void insert(AuditEntry entry) {
        Map<String, Object> values = new HashMap<>();
        values.put(AUDIT_ENTRY.ID.getName(), entry.id());
        values.put(AUDIT_ENTRY.OCCURRED_AT.getName(), entry.at().atOffset(ZoneOffset.UTC));
        values.put(AUDIT_ENTRY.USER_NAME.getName(), entry.user());
        values.put(AUDIT_ENTRY.TOKEN_ID.getName(), entry.tokenId());
        values.put(AUDIT_ENTRY.METHOD.getName(), entry.method());
        values.put(AUDIT_ENTRY.RESOURCE.getName(), entry.resource());
        values.put(AUDIT_ENTRY.ACTION.getName(), entry.action());
        values.put(AUDIT_ENTRY.CHANGED_FIELDS.getName(), AuditChangesJson.encode(entry.changes()));
        insertEntry.execute(dsl, values);
    }

    @Override
    public Page<AuditEntry> list(AuditQuery query) {
        List<Condition> conditions = new ArrayList<>();
        if (query.resource() != null) {
            conditions.add(AUDIT_ENTRY.RESOURCE.eq(query.resource()));
        }
        if (query.user() != null) {
            conditions.add(AUDIT_ENTRY.USER_NAME.eq(query.user()));
        }
        query.after().ifPresent(after -> conditions.add(AUDIT_ENTRY.ID.lt(UUID.fromString(after.id()))));
        List<AuditEntryRecord> rows = dsl.selectFrom(AUDIT_ENTRY)
                .where(conditions)
                .orderBy(AUDIT_ENTRY.ID.desc())
                .limit(query.pageSize() + 1)
                .fetch();
        boolean more = rows.size() > query.pageSize();
        List<AuditEntryRecord> page = more ? rows.subList(0, query.pageSize()) : rows;
        // entries written before V31 have their changed fields as rows of audit_change
        Map<UUID, List<FieldChange>> changes = changesOf(page.stream()
                .filter(r -> r.getChangedFields() == null)
                .map(AuditEntryRecord::getId)
                .toList());
        page.stream()
                .filter(r -> r.getChangedFields() != null)
                .forEach(r -> changes.put(r.getId(), AuditChangesJson.decode(r.getChangedFields())));
        List<AuditEntry> entries = page.stream()
                .map(r -> new AuditEntry(
                        r.getId(),
                        r.getOccurredAt().toInstant(),
                        r.getUserName(),
                        r.getTokenId(),
                        r.getMethod(),
                        r.getResource(),
                        r.getAction(),
                        changes.getOrDefault(r.getId(), List.of())))
                .toList();
        Optional<String> next = more
                ? Optional.of(new PageToken(
                                query.fingerprint(),
                                "",
                                page.get(page.size() - 1).getId().toString())
                        .encode())
                : Optional.empty();
        return new Page<>(entries, next);
    }

    private Map<UUID, List<FieldChange>> changesOf(List<UUID> entries) {
        Map<UUID, List<FieldChange>> result = new HashMap<>();
        if (entries.isEmpty()) {
            return result;
        }
        dsl.selectFrom(AUDIT_CHANGE)
                .where(AUDIT_CHANGE.ENTRY_ID.in(entries))
                .orderBy(AUDIT_CHANGE.ENTRY_ID, AUDIT_CHANGE.SEQ)
                .fetch()
                .forEach(r -> result.computeIfAbsent(r.getEntryId(), k -> new ArrayList<>())
                        .add(new FieldChange(r.getField(), r.getOldValue(), r.getNewValue())));
        return result;
    }
}
