package io.hearth.core.persistence;

import static io.hearth.core.persistence.JooqContactStore.toOffset;
import static io.hearth.core.persistence.generated.Tables.CADENCE;
import static io.hearth.core.persistence.generated.Tables.CONTACT;
import static io.hearth.core.persistence.generated.Tables.LEAD;
import static io.hearth.core.persistence.generated.Tables.TOUCH;
import static java.util.Objects.requireNonNull;

import io.hearth.core.contact.ContactOrigin;
import io.hearth.core.person.CadenceState;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonKind;
import io.hearth.core.person.Scope;
import io.hearth.core.touch.FollowUpStatsStore;
import io.hearth.core.touch.StatsPeriod;
import io.hearth.core.touch.Touch;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** {@link FollowUpStatsStore} on jOOQ; runs unchanged on HSQLDB and PostgreSQL. */
public final class JooqFollowUpStatsStore implements FollowUpStatsStore {
    private final DSLContext dsl;

    public JooqFollowUpStatsStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    @Override
    public List<Touch> touches(StatsPeriod period, Scope scope) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(TOUCH.OCCURRED_AT.ge(toOffset(period.from())));
        conditions.add(TOUCH.OCCURRED_AT.lt(toOffset(period.to())));
        // a touch counts for the rep who owned the person when it was made: reassigning the person
        // later moves neither the credit nor the touch out of that rep's statistics
        conditions.add(OwnerScope.visibleTo(TOUCH.OWNER, scope)
                .or(OwnerScope.personVisible(TOUCH.LEAD_ID, TOUCH.CONTACT_ID, scope)));
        if (period.owner() != null) {
            conditions.add(TOUCH.OWNER.eq(period.owner()));
        }
        if (period.source() != null) {
            conditions.add(TOUCH.SOURCE.eq(period.source().name()));
        }
        return dsl.selectFrom(TOUCH).where(conditions).fetch().map(JooqTouchStore::toTouch);
    }

    @Override
    public List<LeadConversionFact> leadsCreated(StatsPeriod period, Scope scope) {
        List<Condition> conditions = leadConditions(period, scope);
        conditions.add(LEAD.CREATED_AT.ge(toOffset(period.from())));
        conditions.add(LEAD.CREATED_AT.lt(toOffset(period.to())));
        Field<Boolean> converted = DSL.field(DSL.exists(DSL.selectOne()
                .from(CONTACT)
                .where(CONTACT.CONVERTED_FROM_LEAD_ID.eq(LEAD.ID).and(CONTACT.CREATED_AT.lt(toOffset(period.to()))))));
        return dsl.select(LEAD.SOURCE, converted)
                .from(LEAD)
                .where(conditions)
                .fetch()
                .map(r -> new LeadConversionFact(LeadSource.valueOf(r.value1()), r.value2()));
    }

    @Override
    public List<Integer> touchesBeforeConversion(StatsPeriod period, Scope scope) {
        List<Condition> conditions = leadConditions(period, scope);
        conditions.add(CONTACT.ORIGIN.eq(ContactOrigin.CONVERTED_LEAD.name()));
        conditions.add(CONTACT.CREATED_AT.ge(toOffset(period.from())));
        conditions.add(CONTACT.CREATED_AT.lt(toOffset(period.to())));
        Field<Integer> touches = DSL.field(DSL.selectCount()
                .from(TOUCH)
                .where(TOUCH.LEAD_ID.eq(LEAD.ID).and(TOUCH.OCCURRED_AT.le(CONTACT.CREATED_AT))));
        return dsl.select(touches)
                .from(CONTACT)
                .join(LEAD)
                .on(LEAD.ID.eq(CONTACT.CONVERTED_FROM_LEAD_ID))
                .where(conditions)
                .fetch(r -> r.value1());
    }

    @Override
    public int movedToDrip(StatsPeriod period, Scope scope) {
        Condition inPeriod = CADENCE.STATE
                .eq(CadenceState.DRIP.name())
                .and(CADENCE.MOVED_TO_DRIP_AT.ge(toOffset(period.from())))
                .and(CADENCE.MOVED_TO_DRIP_AT.lt(toOffset(period.to())));
        Condition leads = CADENCE.PERSON_KIND
                .eq(PersonKind.LEAD.name())
                .and(DSL.exists(DSL.selectOne()
                        .from(LEAD)
                        .where(leadConditions(period, scope))
                        .and(LEAD.ID.eq(CADENCE.PERSON_ID))));
        Condition contacts = CADENCE.PERSON_KIND
                .eq(PersonKind.CONTACT.name())
                .and(DSL.exists(DSL.selectOne()
                        .from(CONTACT)
                        .where(contactConditions(period, scope))
                        .and(CONTACT.ID.eq(CADENCE.PERSON_ID))));
        return dsl.fetchCount(CADENCE, inPeriod.and(leads.or(contacts)));
    }

    private static List<Condition> leadConditions(StatsPeriod period, Scope scope) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(OwnerScope.visibleTo(LEAD.OWNER, scope));
        if (period.owner() != null) {
            conditions.add(LEAD.OWNER.eq(period.owner()));
        }
        if (period.source() != null) {
            conditions.add(LEAD.SOURCE.eq(period.source().name()));
        }
        return conditions;
    }

    private static List<Condition> contactConditions(StatsPeriod period, Scope scope) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(OwnerScope.visibleTo(CONTACT.OWNER, scope));
        if (period.owner() != null) {
            conditions.add(CONTACT.OWNER.eq(period.owner()));
        }
        if (period.source() != null) {
            conditions.add(CONTACT.SOURCE.eq(period.source().name()));
        }
        return conditions;
    }
}
