package io.hearth.core.persistence;

import static io.hearth.core.persistence.generated.Tables.API_TOKEN;
import static io.hearth.core.persistence.generated.Tables.SYNC_CURSOR;
import static io.hearth.core.persistence.generated.Tables.SYNC_REJECTION;
import static io.hearth.core.persistence.generated.Tables.SYNC_RUN;
import static io.hearth.core.persistence.generated.Tables.SYNC_SOURCE_CLAIM;
import static java.util.Objects.requireNonNull;

import io.hearth.core.persistence.generated.tables.records.SyncRejectionRecord;
import io.hearth.core.persistence.generated.tables.records.SyncRunRecord;
import io.hearth.core.person.Scope;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageToken;
import io.hearth.core.sync.Rejection;
import io.hearth.core.sync.SyncCounts;
import io.hearth.core.sync.SyncRun;
import io.hearth.core.sync.SyncRunStore;
import io.hearth.core.sync.SyncState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

/** {@link SyncRunStore} on jOOQ; runs unchanged on HSQLDB and PostgreSQL. */
public final class JooqSyncRunStore implements SyncRunStore {
    private final DSLContext dsl;

    public JooqSyncRunStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    @Override
    public void insertRun(SyncRun run, Instant leaseUntil, Optional<String> startedBy) {
        SyncRunRecord record = toRecord(run);
        record.setLeaseUntil(toOffset(leaseUntil));
        record.setStartedBy(startedBy.orElse(null));
        dsl.executeInsert(record);
    }

    @Override
    public void updateRun(SyncRun run) {
        SyncRunRecord record = toRecord(run);
        record.changed(SYNC_RUN.ID, false);
        dsl.executeUpdate(record);
    }

    @Override
    public boolean finishRun(SyncRun run) {
        SyncRunRecord record = toRecord(run);
        record.changed(SYNC_RUN.ID, false);
        record.setLeaseUntil(null);
        return dsl.update(SYNC_RUN)
                        .set(record)
                        .where(SYNC_RUN.ID.eq(run.id()).and(SYNC_RUN.RUN_STATE.eq(SyncState.RUNNING.name())))
                        .execute()
                == 1;
    }

    @Override
    public boolean renewLease(UUID runId, Instant until) {
        return dsl.update(SYNC_RUN)
                        .set(SYNC_RUN.LEASE_UNTIL, toOffset(until))
                        .where(SYNC_RUN.ID.eq(runId).and(SYNC_RUN.RUN_STATE.eq(SyncState.RUNNING.name())))
                        .execute()
                == 1;
    }

    @Override
    public int interruptAbandoned(Instant at, boolean everyRunning, String error) {
        Condition abandoned = SYNC_RUN.RUN_STATE.eq(SyncState.RUNNING.name());
        if (!everyRunning) {
            abandoned = abandoned.and(SYNC_RUN.LEASE_UNTIL.isNull().or(SYNC_RUN.LEASE_UNTIL.lt(toOffset(at))));
        }
        List<UUID> ids = dsl.select(SYNC_RUN.ID).from(SYNC_RUN).where(abandoned).fetch(SYNC_RUN.ID);
        if (ids.isEmpty()) {
            return 0;
        }
        int marked = dsl.update(SYNC_RUN)
                .set(SYNC_RUN.RUN_STATE, SyncState.INTERRUPTED.name())
                .set(SYNC_RUN.FINISHED_AT, toOffset(at))
                .set(SYNC_RUN.ERROR_MESSAGE, error)
                .setNull(SYNC_RUN.LEASE_UNTIL)
                .where(SYNC_RUN.ID.in(ids).and(abandoned))
                .execute();
        dsl.deleteFrom(SYNC_SOURCE_CLAIM)
                .where(SYNC_SOURCE_CLAIM.RUN_ID.in(ids))
                .execute();
        return marked;
    }

    @Override
    public Optional<UUID> sourceHolder(String connector, String sourceKey) {
        return dsl.select(SYNC_SOURCE_CLAIM.RUN_ID)
                .from(SYNC_SOURCE_CLAIM)
                .where(SYNC_SOURCE_CLAIM.CONNECTOR.eq(connector).and(SYNC_SOURCE_CLAIM.SOURCE_KEY.eq(sourceKey)))
                .fetchOptional(SYNC_SOURCE_CLAIM.RUN_ID);
    }

    @Override
    public boolean takeSource(String connector, String sourceKey, UUID runId, UUID previous) {
        if (previous != null) {
            return dsl.update(SYNC_SOURCE_CLAIM)
                            .set(SYNC_SOURCE_CLAIM.RUN_ID, runId)
                            .where(SYNC_SOURCE_CLAIM
                                    .CONNECTOR
                                    .eq(connector)
                                    .and(SYNC_SOURCE_CLAIM.SOURCE_KEY.eq(sourceKey))
                                    .and(SYNC_SOURCE_CLAIM.RUN_ID.eq(previous)))
                            .execute()
                    == 1;
        }
        try {
            // PostgreSQL waits for a concurrent insert of the key and then inserts nothing;
            // HSQLDB refuses the second insert at once
            return dsl.insertInto(SYNC_SOURCE_CLAIM)
                            .set(SYNC_SOURCE_CLAIM.CONNECTOR, connector)
                            .set(SYNC_SOURCE_CLAIM.SOURCE_KEY, sourceKey)
                            .set(SYNC_SOURCE_CLAIM.RUN_ID, runId)
                            .onConflictDoNothing()
                            .execute()
                    == 1;
        } catch (IntegrityConstraintViolationException taken) {
            return false;
        }
    }

    @Override
    public void releaseSource(String connector, String sourceKey, UUID runId) {
        dsl.deleteFrom(SYNC_SOURCE_CLAIM)
                .where(SYNC_SOURCE_CLAIM
                        .CONNECTOR
                        .eq(connector)
                        .and(SYNC_SOURCE_CLAIM.SOURCE_KEY.eq(sourceKey))
                        .and(SYNC_SOURCE_CLAIM.RUN_ID.eq(runId)))
                .execute();
    }

    @Override
    public Optional<SyncRun> findRun(UUID id, Scope scope) {
        return dsl.selectFrom(SYNC_RUN)
                .where(SYNC_RUN.ID.eq(id))
                .and(readableBy(scope))
                .fetchOptional()
                .map(JooqSyncRunStore::toRun);
    }

    @Override
    public Page<SyncRun> listRuns(int pageSize, Optional<PageToken> after, String fingerprint, Scope scope) {
        return listRuns(readableBy(scope), pageSize, after, fingerprint);
    }

    @Override
    public Page<SyncRun> listRunsOf(
            String sourceKey, int pageSize, Optional<PageToken> after, String fingerprint, Scope scope) {
        return listRuns(SYNC_RUN.SOURCE_KEY.eq(sourceKey).and(readableBy(scope)), pageSize, after, fingerprint);
    }

    /**
     * The runs {@code scope} may read: all for everyone; a manager's and their team's (the members
     * its tokens name) for a team; a user's own otherwise. A run without a starter is an admin's.
     */
    private static Condition readableBy(Scope scope) {
        if (scope instanceof Scope.Own own) {
            return SYNC_RUN.STARTED_BY.eq(own.user());
        }
        if (scope instanceof Scope.Team team) {
            return SYNC_RUN.STARTED_BY
                    .eq(team.user())
                    .or(SYNC_RUN.STARTED_BY.in(
                            DSL.select(API_TOKEN.USER_NAME).from(API_TOKEN).where(API_TOKEN.TEAM.eq(team.team()))));
        }
        return DSL.noCondition();
    }

    private Page<SyncRun> listRuns(Condition where, int pageSize, Optional<PageToken> after, String fingerprint) {
        var select = dsl.selectFrom(SYNC_RUN).where(where).orderBy(SYNC_RUN.STARTED_AT.desc(), SYNC_RUN.ID.desc());
        List<SyncRunRecord> records = after.map(
                        token -> select.seek(toOffset(Instant.parse(token.sortValue())), UUID.fromString(token.id()))
                                .limit(pageSize + 1)
                                .fetch())
                .orElseGet(() -> select.limit(pageSize + 1).fetch());
        boolean more = records.size() > pageSize;
        List<SyncRun> page =
                records.stream().limit(pageSize).map(JooqSyncRunStore::toRun).toList();
        Optional<String> next = Optional.empty();
        if (more) {
            SyncRun last = page.get(page.size() - 1);
            next = Optional.of(new PageToken(
                            fingerprint, last.startedAt().toString(), last.id().toString())
                    .encode());
        }
        return new Page<>(page, next);
    }

    @Override
    public void addRejections(UUID runId, long firstSeq, List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        List<SyncRejectionRecord> records = new ArrayList<>(rejections.size());
        long seq = firstSeq;
        for (Rejection rejection : rejections) {
            records.add(
                    new SyncRejectionRecord(runId, seq++, rejection.position(), rejection.reason(), rejection.raw()));
        }
        BulkSql.insert(dsl, SYNC_REJECTION, records);
    }

    @Override
    public List<Rejection> rejections(UUID runId, long offset, int limit) {
        return dsl.selectFrom(SYNC_REJECTION)
                .where(SYNC_REJECTION.RUN_ID.eq(runId).and(SYNC_REJECTION.SEQ.ge(offset)))
                .orderBy(SYNC_REJECTION.SEQ)
                .limit(limit)
                .fetch(r -> new Rejection(r.getRecordPosition(), r.getReason(), r.getRawInput()));
    }

    @Override
    public Optional<String> findCursor(String connector, String sourceKey) {
        return dsl.select(SYNC_CURSOR.CURSOR_VALUE)
                .from(SYNC_CURSOR)
                .where(SYNC_CURSOR.CONNECTOR.eq(connector).and(SYNC_CURSOR.SOURCE_KEY.eq(sourceKey)))
                .fetchOptional(SYNC_CURSOR.CURSOR_VALUE);
    }

    @Override
    public void saveCursor(String connector, String sourceKey, String cursor, UUID runId, Instant at) {
        int updated = dsl.update(SYNC_CURSOR)
                .set(SYNC_CURSOR.CURSOR_VALUE, cursor)
                .set(SYNC_CURSOR.RUN_ID, runId)
                .set(SYNC_CURSOR.UPDATED_AT, toOffset(at))
                .where(SYNC_CURSOR.CONNECTOR.eq(connector).and(SYNC_CURSOR.SOURCE_KEY.eq(sourceKey)))
                .execute();
        if (updated == 0) {
            dsl.insertInto(SYNC_CURSOR)
                    .set(SYNC_CURSOR.CONNECTOR, connector)
                    .set(SYNC_CURSOR.SOURCE_KEY, sourceKey)
                    .set(SYNC_CURSOR.CURSOR_VALUE, cursor)
                    .set(SYNC_CURSOR.RUN_ID, runId)
                    .set(SYNC_CURSOR.UPDATED_AT, toOffset(at))
                    .execute();
        }
    }

    @Override
    public void deleteCursor(String connector, String sourceKey) {
        dsl.deleteFrom(SYNC_CURSOR)
                .where(SYNC_CURSOR.CONNECTOR.eq(connector).and(SYNC_CURSOR.SOURCE_KEY.eq(sourceKey)))
                .execute();
    }

    @Override
    public List<RunTotals> totals() {
        return dsl.select(
                        SYNC_RUN.CONNECTOR,
                        SYNC_RUN.RUN_STATE,
                        DSL.count(),
                        DSL.sum(SYNC_RUN.RECORDS_READ),
                        DSL.sum(SYNC_RUN.RECORDS_CREATED),
                        DSL.sum(SYNC_RUN.RECORDS_UPDATED),
                        DSL.sum(SYNC_RUN.RECORDS_UNCHANGED),
                        DSL.sum(SYNC_RUN.RECORDS_MERGED),
                        DSL.sum(SYNC_RUN.RECORDS_REJECTED),
                        DSL.sum(SYNC_RUN.RECORDS_ARCHIVED),
                        DSL.sum(SYNC_RUN.PEOPLE_WRITTEN),
                        DSL.sum(SYNC_RUN.PEOPLE_FAILED),
                        DSL.sum(SYNC_RUN.TOUCHES_WRITTEN),
                        DSL.sum(SYNC_RUN.TOUCHES_FAILED),
                        DSL.sum(SYNC_RUN.DEALS_WRITTEN),
                        DSL.sum(SYNC_RUN.DEALS_FAILED))
                .from(SYNC_RUN)
                .groupBy(SYNC_RUN.CONNECTOR, SYNC_RUN.RUN_STATE)
                .orderBy(SYNC_RUN.CONNECTOR, SYNC_RUN.RUN_STATE)
                .fetch(r -> new RunTotals(
                        r.value1(),
                        SyncState.valueOf(r.value2()),
                        r.value3(),
                        new SyncCounts(
                                sum(r.value4()),
                                sum(r.value5()),
                                sum(r.value6()),
                                sum(r.value7()),
                                sum(r.value8()),
                                sum(r.value9()),
                                sum(r.value10()),
                                sum(r.value11()),
                                sum(r.value12()),
                                sum(r.value13()),
                                sum(r.value14()),
                                sum(r.value15()),
                                sum(r.value16()))));
    }

    private static long sum(java.math.BigDecimal value) {
        return value == null ? 0 : value.longValueExact();
    }

    private static SyncRunRecord toRecord(SyncRun run) {
        SyncRunRecord r = new SyncRunRecord();
        r.setId(run.id());
        r.setConnector(run.connector());
        r.setSourceKey(run.sourceKey());
        r.setSourceLabel(run.sourceLabel());
        r.setRunState(run.state().name());
        r.setDryRun(run.dryRun());
        r.setStartedAt(toOffset(run.startedAt()));
        r.setFinishedAt(run.finishedAt() == null ? null : toOffset(run.finishedAt()));
        SyncCounts c = run.counts();
        r.setRecordsRead(c.read());
        r.setRecordsCreated(c.created());
        r.setRecordsUpdated(c.updated());
        r.setRecordsUnchanged(c.unchanged());
        r.setRecordsMerged(c.merged());
        r.setRecordsRejected(c.rejected());
        r.setRecordsArchived(c.archived());
        r.setPeopleWritten(c.peopleWritten());
        r.setPeopleFailed(c.peopleFailed());
        r.setTouchesWritten(c.touchesWritten());
        r.setTouchesFailed(c.touchesFailed());
        r.setDealsWritten(c.dealsWritten());
        r.setDealsFailed(c.dealsFailed());
        r.setStartCursor(run.startCursor());
        r.setEndCursor(run.endCursor());
        r.setErrorMessage(run.error());
        return r;
    }

    private static SyncRun toRun(SyncRunRecord r) {
        return new SyncRun(
                r.getId(),
                r.getConnector(),
                r.getSourceKey(),
                r.getSourceLabel(),
                SyncState.valueOf(r.getRunState()),
                r.getDryRun(),
                r.getStartedAt().toInstant(),
                r.getFinishedAt() == null ? null : r.getFinishedAt().toInstant(),
                new SyncCounts(
                        r.getRecordsRead(),
                        r.getRecordsCreated(),
                        r.getRecordsUpdated(),
                        r.getRecordsUnchanged(),
                        r.getRecordsMerged(),
                        r.getRecordsRejected(),
                        r.getRecordsArchived(),
                        r.getPeopleWritten(),
                        r.getPeopleFailed(),
                        r.getTouchesWritten(),
                        r.getTouchesFailed(),
                        r.getDealsWritten(),
                        r.getDealsFailed()),
                r.getStartCursor(),
                r.getEndCursor(),
                r.getErrorMessage());
    }

    private static OffsetDateTime toOffset(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
