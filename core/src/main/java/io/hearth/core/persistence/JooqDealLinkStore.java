package io.hearth.core.persistence;

import static io.hearth.core.persistence.generated.Tables.OPPORTUNITY_LINK;
import static java.util.Objects.requireNonNull;

import io.hearth.core.opportunity.DealLinkStore;
import io.hearth.core.opportunity.OpportunityId;
import io.hearth.core.persistence.generated.tables.records.OpportunityLinkRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@link DealLinkStore} on the {@code opportunity_link} table (V25). */
public final class JooqDealLinkStore implements DealLinkStore {
    private final DSLContext dsl;

    public JooqDealLinkStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    @Override
    public Map<String, OpportunityId> linked(String connector, Collection<String> externalIds) {
        Map<String, OpportunityId> result = new HashMap<>();
        if (externalIds.isEmpty()) {
            return result;
        }
        dsl.selectFrom(OPPORTUNITY_LINK)
                .where(OPPORTUNITY_LINK.CONNECTOR.eq(connector))
                .and(OPPORTUNITY_LINK.EXTERNAL_ID.in(externalIds))
                .fetch()
                .forEach(r -> result.put(r.getExternalId(), new OpportunityId(r.getOpportunityId())));
        return result;
    }

    @Override
    public Map<OpportunityId, String> externalIds(String connector, Collection<OpportunityId> deals) {
        Map<OpportunityId, String> result = new HashMap<>();
        if (deals.isEmpty()) {
            return result;
        }
        var externalId = DSL.min(OPPORTUNITY_LINK.EXTERNAL_ID);
        dsl.select(OPPORTUNITY_LINK.OPPORTUNITY_ID, externalId)
                .from(OPPORTUNITY_LINK)
                .where(OPPORTUNITY_LINK.CONNECTOR.eq(connector))
                .and(OPPORTUNITY_LINK.OPPORTUNITY_ID.in(
                        deals.stream().map(OpportunityId::value).toList()))
                .groupBy(OPPORTUNITY_LINK.OPPORTUNITY_ID)
                .fetch()
                .forEach(r -> result.put(new OpportunityId(r.value1()), r.value2()));
        return result;
    }

    @Override
    public void link(String connector, Map<String, OpportunityId> externalIds, Instant at) {
        if (externalIds.isEmpty()) {
            return;
        }
        List<OpportunityLinkRecord> records = externalIds.entrySet().stream()
                .map(e -> new OpportunityLinkRecord(
                        connector, e.getKey(), e.getValue().value(), at.atOffset(ZoneOffset.UTC)))
                .toList();
        BulkSql.insert(dsl, OPPORTUNITY_LINK, records);
    }
}
