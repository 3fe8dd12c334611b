package io.hearth.core.persistence;

import static io.hearth.core.persistence.generated.Tables.API_TOKEN;
import static io.hearth.core.persistence.generated.Tables.OPPORTUNITY;
import static io.hearth.core.persistence.generated.Tables.OPPORTUNITY_STAGE_CHANGE;
import static java.util.Objects.requireNonNull;

import io.hearth.core.opportunity.Outcome;
import io.hearth.core.opportunity.PipelineStatsQuery;
import io.hearth.core.opportunity.PipelineStatsStore;
import io.hearth.core.opportunity.StageVisit;
import io.hearth.core.person.LeadSource;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.impl.DSL;

/**
 * {@link PipelineStatsStore} on jOOQ; runs unchanged on HSQLDB and PostgreSQL. The sums are
 * GROUP BY queries; the stage visits are read with a cursor, {@value #FETCH_SIZE} rows at a time.
 */
public final class JooqPipelineStatsStore implements PipelineStatsStore {
    static final int FETCH_SIZE = 1000;

    private final DSLContext dsl;

    public JooqPipelineStatsStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    @Override
    public List<StageTotal> openTotals(PipelineStatsQuery query) {
        Field<Integer> deals = DSL.count();
        Field<BigDecimal> amount = DSL.sum(OPPORTUNITY.AMOUNT);
        List<StageTotal> totals = new ArrayList<>();
        for (Record4<String, String, Integer, BigDecimal> r : dsl.select(
                        OPPORTUNITY.STAGE, OPPORTUNITY.CURRENCY, deals, amount)
                .from(OPPORTUNITY)
                .where(covered(query))
                .and(OPPORTUNITY.OUTCOME.eq(Outcome.OPEN.name()))
                .groupBy(OPPORTUNITY.STAGE, OPPORTUNITY.CURRENCY)
                .fetch()) {
            totals.add(new StageTotal(r.value1(), r.value2().strip(), r.value3(), normalized(r.value4())));
        }
        return totals;
    }

    @Override
    public List<SourceOutcomes> closedBySource(PipelineStatsQuery query) {
        Field<Integer> deals = DSL.count();
        Map<String, int[]> counts = new HashMap<>();
        for (var r : dsl.select(OPPORTUNITY.LEAD_SOURCE, OPPORTUNITY.OUTCOME, deals)
                .from(OPPORTUNITY)
                .where(covered(query))
                .and(OPPORTUNITY.OUTCOME.ne(Outcome.OPEN.name()))
                .groupBy(OPPORTUNITY.LEAD_SOURCE, OPPORTUNITY.OUTCOME)
                .fetch()) {
            int[] wonLost = counts.computeIfAbsent(r.value1() == null ? "" : r.value1(), k -> new int[2]);
            wonLost[Outcome.WON.name().equals(r.value2()) ? 0 : 1] += r.value3();
        }
        List<SourceOutcomes> result = new ArrayList<>();
        counts.forEach((source, c) ->
                result.add(new SourceOutcomes(source.isEmpty() ? null : LeadSource.valueOf(source), c[0], c[1])));
        return result;
    }

    @Override
    public void visits(PipelineStatsQuery query, Consumer<List<StageVisit>> perDeal) {
        try (var cursor = dsl.select(
                        OPPORTUNITY_STAGE_CHANGE.OPPORTUNITY_ID,
                        OPPORTUNITY_STAGE_CHANGE.STAGE,
                        OPPORTUNITY_STAGE_CHANGE.ENTERED_AT,
                        OPPORTUNITY_STAGE_CHANGE.LEFT_AT)
                .from(OPPORTUNITY_STAGE_CHANGE)
                .where(OPPORTUNITY_STAGE_CHANGE.OPPORTUNITY_ID.in(
                        DSL.select(OPPORTUNITY.ID).from(OPPORTUNITY).where(covered(query))))
                .orderBy(OPPORTUNITY_STAGE_CHANGE.OPPORTUNITY_ID, OPPORTUNITY_STAGE_CHANGE.SEQ)
                .fetchSize(FETCH_SIZE)
                .fetchLazy()) {
            UUID current = null;
            List<StageVisit> visits = new ArrayList<>();
            for (var r : cursor) {
                UUID deal = r.get(OPPORTUNITY_STAGE_CHANGE.OPPORTUNITY_ID);
                if (current != null && !current.equals(deal)) {
                    perDeal.accept(List.copyOf(visits));
                    visits.clear();
                }
                current = deal;
                OffsetDateTime left = r.get(OPPORTUNITY_STAGE_CHANGE.LEFT_AT);
                visits.add(new StageVisit(
                        r.get(OPPORTUNITY_STAGE_CHANGE.STAGE),
                        r.get(OPPORTUNITY_STAGE_CHANGE.ENTERED_AT).toInstant(),
                        left == null ? null : left.toInstant(),
                        null));
            }
            if (!visits.isEmpty()) {
                perDeal.accept(List.copyOf(visits));
            }
        }
    }

    /** The deals {@code query} covers: in scope, not archived, and matching each filter given. */
    private static List<Condition> covered(PipelineStatsQuery query) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(OPPORTUNITY.ARCHIVED_AT.isNull());
        conditions.add(OwnerScope.visibleTo(OPPORTUNITY.OWNER, query.scope()));
        if (query.owner() != null) {
            conditions.add(OPPORTUNITY.OWNER.eq(query.owner()));
        }
        if (query.team() != null) {
            conditions.add(OPPORTUNITY.OWNER.in(
                    DSL.select(API_TOKEN.USER_NAME).from(API_TOKEN).where(API_TOKEN.TEAM.eq(query.team()))));
        }
        if (query.createdFrom() != null) {
            conditions.add(OPPORTUNITY.CREATED_AT.ge(query.createdFrom().atOffset(ZoneOffset.UTC)));
        }
        if (query.createdTo() != null) {
            conditions.add(OPPORTUNITY.CREATED_AT.lt(query.createdTo().atOffset(ZoneOffset.UTC)));
        }
        if (query.closedFrom() != null) {
            conditions.add(OPPORTUNITY.CLOSED_AT.ge(query.closedFrom().atOffset(ZoneOffset.UTC)));
        }
        if (query.closedTo() != null) {
            conditions.add(OPPORTUNITY.CLOSED_AT.lt(query.closedTo().atOffset(ZoneOffset.UTC)));
        }
        if (query.closedOnly()) {
            conditions.add(OPPORTUNITY.OUTCOME.ne(Outcome.OPEN.name()));
        }
        return conditions;
    }

    /** A sum as {@link io.hearth.core.resource.Money#of} keeps amounts: no trailing zeros, no exponent. */
    private static BigDecimal normalized(BigDecimal stored) {
        BigDecimal stripped = stored.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
