package io.hearth.core.persistence;

import static io.hearth.core.persistence.JooqLeadProfileStore.at;
import static io.hearth.core.persistence.JooqLeadProfileStore.instant;
import static io.hearth.core.persistence.generated.Tables.LEAD;
import static io.hearth.core.persistence.generated.Tables.MISSED_DEADLINE;
import static java.util.Objects.requireNonNull;

import io.hearth.core.person.LeadId;
import io.hearth.core.person.LeadSource;
import io.hearth.core.priority.MissedDeadline;
import io.hearth.core.priority.MissedDeadlineStore;
import io.hearth.core.priority.OwnerMisses;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/** {@link MissedDeadlineStore} on jOOQ. */
public final class JooqMissedDeadlineStore implements MissedDeadlineStore {
    private final DSLContext dsl;
    /** A lead's missed deadline, read by every touch of a lead (RenderedQuery). */
    private final RenderedQuery byLead;

    public JooqMissedDeadlineStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
        this.byLead = new RenderedQuery(
                dsl,
                dsl.select(MISSED_DEADLINE.fields())
                        .select(LEAD.DISPLAY_NAME)
                        .from(MISSED_DEADLINE)
                        .join(LEAD)
                        .on(LEAD.ID.eq(MISSED_DEADLINE.LEAD_ID))
                        .where(MISSED_DEADLINE.LEAD_ID.eq(DSL.param("lead", UUID.class))));
    }

    @Override
    public Optional<MissedDeadline> find(LeadId leadId) {
        return byLead.fetch(dsl, Map.of("lead", leadId.value()), JooqMissedDeadlineStore::toMissed).stream()
                .findFirst();
    }

    @Override
    public void insert(MissedDeadline missed) {
        dsl.insertInto(MISSED_DEADLINE)
                .set(MISSED_DEADLINE.LEAD_ID, missed.leadId().value())
                .set(MISSED_DEADLINE.OWNER, missed.owner())
                .set(MISSED_DEADLINE.SOURCE, missed.source().name())
                .set(MISSED_DEADLINE.ARRIVED_AT, at(missed.arrivedAt()))
                .set(MISSED_DEADLINE.DEADLINE, at(missed.deadline()))
                .set(MISSED_DEADLINE.RECORDED_AT, at(missed.recordedAt()))
                .set(MISSED_DEADLINE.RESPONDED_AT, at(missed.respondedAt()))
                .execute();
    }

    @Override
    public void setRespondedAt(LeadId leadId, Instant respondedAt) {
        dsl.update(MISSED_DEADLINE)
                .set(MISSED_DEADLINE.RESPONDED_AT, at(respondedAt))
                .where(MISSED_DEADLINE.LEAD_ID.eq(leadId.value()))
                .execute();
    }

    @Override
    public void delete(LeadId leadId) {
        dsl.deleteFrom(MISSED_DEADLINE)
                .where(MISSED_DEADLINE.LEAD_ID.eq(leadId.value()))
                .execute();
    }

    @Override
    public MissTotals totals() {
        Record r = dsl.select(
                        DSL.count(),
                        DSL.count(MISSED_DEADLINE.LEAD_ID).filterWhere(MISSED_DEADLINE.RESPONDED_AT.isNull()))
                .from(MISSED_DEADLINE)
                .fetchOne();
        return new MissTotals(r.get(0, Long.class), r.get(1, Long.class));
    }

    @Override
    public Page<MissedDeadline> list(
            String owner,
            Instant from,
            Instant to,
            boolean unansweredOnly,
            int pageSize,
            Optional<PageToken> after,
            String fingerprint) {
        List<Condition> conditions = period(owner, from, to);
        if (unansweredOnly) {
            conditions.add(MISSED_DEADLINE.RESPONDED_AT.isNull());
        }
        // with an owner, it leads the ORDER BY as it leads the index: HSQLDB then walks the index
        List<SortField<?>> order = new ArrayList<>();
        if (owner != null) {
            order.add(MISSED_DEADLINE.OWNER.desc());
        }
        order.add(MISSED_DEADLINE.ARRIVED_AT.desc());
        order.add(MISSED_DEADLINE.LEAD_ID.desc());
        var select = dsl.select(MISSED_DEADLINE.asterisk(), LEAD.DISPLAY_NAME)
                .from(MISSED_DEADLINE)
                .join(LEAD)
                .on(LEAD.ID.eq(MISSED_DEADLINE.LEAD_ID))
                .where(conditions)
                .orderBy(order);
        int fetchSize = pageSize + 1;
        List<MissedDeadline> rows = after.map(token -> {
                    List<Object> seek = new ArrayList<>();
                    if (owner != null) {
                        seek.add(owner);
                    }
                    seek.add(at(Instant.parse(token.sortValue())));
                    seek.add(UUID.fromString(token.id()));
                    return select.seek(seek.toArray())
                            .limit(DSL.inline(fetchSize))
                            .fetch(JooqMissedDeadlineStore::toMissed);
                })
                .orElseGet(() -> select.limit(DSL.inline(fetchSize)).fetch(JooqMissedDeadlineStore::toMissed));
        boolean more = rows.size() > pageSize;
        List<MissedDeadline> page = more ? rows.subList(0, pageSize) : rows;
        Optional<String> next = Optional.empty();
        if (more) {
            MissedDeadline last = page.get(page.size() - 1);
            next = Optional.of(new PageToken(
                            fingerprint,
                            last.arrivedAt().toString(),
                            last.leadId().value().toString())
                    .encode());
        }
        return new Page<>(page, next);
    }

    @Override
    public List<OwnerMisses> tally(String owner, Instant from, Instant to) {
        Field<Integer> missed = DSL.count().as("missed");
        Field<Integer> unanswered = DSL.count(MISSED_DEADLINE.LEAD_ID)
                .filterWhere(MISSED_DEADLINE.RESPONDED_AT.isNull())
                .as("unanswered");
        return dsl.select(MISSED_DEADLINE.OWNER, missed, unanswered)
                .from(MISSED_DEADLINE)
                .where(period(owner, from, to))
                .groupBy(MISSED_DEADLINE.OWNER)
                .orderBy(missed.desc(), MISSED_DEADLINE.OWNER.asc().nullsLast())
                .fetch(r -> new OwnerMisses(r.value1(), r.value2(), r.value3()));
    }

    private static List<Condition> period(String owner, Instant from, Instant to) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(MISSED_DEADLINE.ARRIVED_AT.ge(at(from)));
        conditions.add(MISSED_DEADLINE.ARRIVED_AT.lt(at(to)));
        if (owner != null) {
            conditions.add(MISSED_DEADLINE.OWNER.eq(owner));
        }
        return conditions;
    }

    private static MissedDeadline toMissed(Record r) {
        return toMissed(Columns.of(r));
    }

    private static MissedDeadline toMissed(Columns r) {
        return new MissedDeadline(
                new LeadId(r.get(MISSED_DEADLINE.LEAD_ID)),
                r.get(LEAD.DISPLAY_NAME),
                r.get(MISSED_DEADLINE.OWNER),
                LeadSource.valueOf(r.get(MISSED_DEADLINE.SOURCE)),
                instant(r.get(MISSED_DEADLINE.ARRIVED_AT)),
                instant(r.get(MISSED_DEADLINE.DEADLINE)),
                instant(r.get(MISSED_DEADLINE.RECORDED_AT)),
                instant(r.get(MISSED_DEADLINE.RESPONDED_AT)));
    }
}
