package io.hearth.core.persistence;

import static io.hearth.core.persistence.JooqContactStore.toOffset;
import static io.hearth.core.persistence.generated.Tables.EXTERNAL_ID;
import static io.hearth.core.persistence.generated.Tables.TOUCH;
import static io.hearth.core.persistence.generated.Tables.WRITE_BACK_DEAL;
import static io.hearth.core.persistence.generated.Tables.WRITE_BACK_PERSON;
import static io.hearth.core.persistence.generated.Tables.WRITE_BACK_TOUCH;
import static java.util.Objects.requireNonNull;

import io.hearth.core.person.PersonKind;
import io.hearth.core.person.PersonRef;
import io.hearth.core.sync.WriteBackStore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@link WriteBackStore} on jOOQ; runs unchanged on HSQLDB and PostgreSQL. */
public final class JooqWriteBackStore implements WriteBackStore {
    private final DSLContext dsl;

    public JooqWriteBackStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    @Override
    public List<LinkedPerson> linkedPeople(String connector, UUID afterId, int limit) {
        Condition condition = EXTERNAL_ID.CONNECTOR.eq(connector);
        if (afterId != null) {
            condition = condition.and(EXTERNAL_ID.PERSON_ID.gt(afterId));
        }
        // "CONTACT" sorts before "LEAD": a person linked as both is written as the contact it became
        var kind = DSL.min(EXTERNAL_ID.PERSON_KIND);
        var externalId = DSL.min(EXTERNAL_ID.EXTERNAL_ID_);
        return dsl.select(EXTERNAL_ID.PERSON_ID, kind, externalId)
                .from(EXTERNAL_ID)
                .where(condition)
                .groupBy(EXTERNAL_ID.PERSON_ID)
                .orderBy(EXTERNAL_ID.PERSON_ID)
                .limit(limit)
                .fetch(r -> new LinkedPerson(
                        new PersonRef(PersonKind.valueOf(r.get(kind)), r.get(EXTERNAL_ID.PERSON_ID)),
                        r.get(externalId)));
    }

    @Override
    public Map<UUID, String> pushedValues(UUID connectionId, Collection<UUID> personIds) {
        Map<UUID, String> values = new HashMap<>();
        if (personIds.isEmpty()) {
            return values;
        }
        dsl.select(WRITE_BACK_PERSON.PERSON_ID, WRITE_BACK_PERSON.PUSHED_VALUES)
                .from(WRITE_BACK_PERSON)
                .where(WRITE_BACK_PERSON.CONNECTION_ID.eq(connectionId).and(WRITE_BACK_PERSON.PERSON_ID.in(personIds)))
                .fetch()
                .forEach(r -> values.put(r.value1(), r.value2()));
        return values;
    }

    @Override
    public void savePushedValues(UUID connectionId, Map<UUID, String> valuesByPerson, UUID runId, Instant at) {
        if (valuesByPerson.isEmpty()) {
            return;
        }
        // the run holds its connection's source claim, so no other transaction writes these rows now
        dsl.deleteFrom(WRITE_BACK_PERSON)
                .where(WRITE_BACK_PERSON
                        .CONNECTION_ID
                        .eq(connectionId)
                        .and(WRITE_BACK_PERSON.PERSON_ID.in(valuesByPerson.keySet())))
                .execute();
        OffsetDateTime pushedAt = toOffset(at);
        var insert = dsl.insertInto(
                WRITE_BACK_PERSON,
                WRITE_BACK_PERSON.CONNECTION_ID,
                WRITE_BACK_PERSON.PERSON_ID,
                WRITE_BACK_PERSON.PUSHED_VALUES,
                WRITE_BACK_PERSON.RUN_ID,
                WRITE_BACK_PERSON.PUSHED_AT);
        for (Map.Entry<UUID, String> person : valuesByPerson.entrySet()) {
            insert = insert.values(connectionId, person.getKey(), person.getValue(), runId, pushedAt);
        }
        insert.execute();
    }

    @Override
    public List<PendingTouch> unpushedTouches(
            UUID connectionId, Collection<UUID> personIds, UUID afterTouchId, int limit) {
        if (personIds.isEmpty()) {
            return List.of();
        }
        Set<UUID> people = Set.copyOf(personIds);
        Condition condition = TOUCH.LEAD_ID
                .in(people)
                .or(TOUCH.CONTACT_ID.in(people))
                .andNotExists(DSL.selectOne()
                        .from(WRITE_BACK_TOUCH)
                        .where(WRITE_BACK_TOUCH
                                .CONNECTION_ID
                                .eq(connectionId)
                                .and(WRITE_BACK_TOUCH.TOUCH_ID.eq(TOUCH.ID))));
        if (afterTouchId != null) {
            condition = condition.and(TOUCH.ID.gt(afterTouchId));
        }
        return dsl.select(
                        TOUCH.ID,
                        TOUCH.LEAD_ID,
                        TOUCH.CONTACT_ID,
                        TOUCH.CHANNEL,
                        TOUCH.OUTCOME,
                        TOUCH.OCCURRED_AT,
                        TOUCH.NOTE)
                .from(TOUCH)
                .where(condition)
                .orderBy(TOUCH.ID)
                .limit(limit)
                .fetch(r -> new PendingTouch(
                        r.get(TOUCH.ID),
                        // a converted lead and its contact share the id, so either names the person
                        r.get(TOUCH.LEAD_ID) != null && people.contains(r.get(TOUCH.LEAD_ID))
                                ? r.get(TOUCH.LEAD_ID)
                                : r.get(TOUCH.CONTACT_ID),
                        r.get(TOUCH.CHANNEL),
                        r.get(TOUCH.OUTCOME),
                        r.get(TOUCH.OCCURRED_AT).toInstant(),
                        r.get(TOUCH.NOTE)));
    }

    @Override
    public int markTouchesPushed(UUID connectionId, Map<UUID, String> externalIds, UUID runId, Instant at) {
        OffsetDateTime pushedAt = toOffset(at);
        int recorded = 0;
        for (Map.Entry<UUID, String> touch : externalIds.entrySet()) {
            recorded += dsl.insertInto(
                            WRITE_BACK_TOUCH,
                            WRITE_BACK_TOUCH.CONNECTION_ID,
                            WRITE_BACK_TOUCH.TOUCH_ID,
                            WRITE_BACK_TOUCH.EXTERNAL_ID,
                            WRITE_BACK_TOUCH.RUN_ID,
                            WRITE_BACK_TOUCH.PUSHED_AT)
                    .values(connectionId, touch.getKey(), touch.getValue(), runId, pushedAt)
                    .onConflictDoNothing()
                    .execute();
        }
        return recorded;
    }

    @Override
    public Map<UUID, String> pushedDealValues(UUID connectionId, Collection<UUID> dealIds) {
        Map<UUID, String> values = new HashMap<>();
        if (dealIds.isEmpty()) {
            return values;
        }
        dsl.select(WRITE_BACK_DEAL.OPPORTUNITY_ID, WRITE_BACK_DEAL.PUSHED_VALUES)
                .from(WRITE_BACK_DEAL)
                .where(WRITE_BACK_DEAL.CONNECTION_ID.eq(connectionId).and(WRITE_BACK_DEAL.OPPORTUNITY_ID.in(dealIds)))
                .fetch()
                .forEach(r -> values.put(r.value1(), r.value2()));
        return values;
    }

    @Override
    public void saveDealValues(UUID connectionId, Map<UUID, String> valuesByDeal, UUID runId, Instant at) {
        if (valuesByDeal.isEmpty()) {
            return;
        }
        // the run holds its connection's source claim, so no other transaction writes these rows now
        dsl.deleteFrom(WRITE_BACK_DEAL)
                .where(WRITE_BACK_DEAL
                        .CONNECTION_ID
                        .eq(connectionId)
                        .and(WRITE_BACK_DEAL.OPPORTUNITY_ID.in(valuesByDeal.keySet())))
                .execute();
        OffsetDateTime pushedAt = toOffset(at);
        var insert = dsl.insertInto(
                WRITE_BACK_DEAL,
                WRITE_BACK_DEAL.CONNECTION_ID,
                WRITE_BACK_DEAL.OPPORTUNITY_ID,
                WRITE_BACK_DEAL.PUSHED_VALUES,
                WRITE_BACK_DEAL.RUN_ID,
                WRITE_BACK_DEAL.PUSHED_AT);
        for (Map.Entry<UUID, String> deal : valuesByDeal.entrySet()) {
            insert = insert.values(connectionId, deal.getKey(), deal.getValue(), runId, pushedAt);
        }
        insert.execute();
    }

    @Override
    public void forget(UUID connectionId) {
        dsl.deleteFrom(WRITE_BACK_DEAL)
                .where(WRITE_BACK_DEAL.CONNECTION_ID.eq(connectionId))
                .execute();
        dsl.deleteFrom(WRITE_BACK_TOUCH)
                .where(WRITE_BACK_TOUCH.CONNECTION_ID.eq(connectionId))
                .execute();
        dsl.deleteFrom(WRITE_BACK_PERSON)
                .where(WRITE_BACK_PERSON.CONNECTION_ID.eq(connectionId))
                .execute();
    }
}
