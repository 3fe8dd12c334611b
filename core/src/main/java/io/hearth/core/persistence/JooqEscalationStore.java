package io.hearth.core.persistence;

import static io.hearth.core.persistence.JooqLeadProfileStore.at;
import static io.hearth.core.persistence.JooqLeadProfileStore.instant;
import static io.hearth.core.persistence.generated.Tables.LEAD;
import static io.hearth.core.persistence.generated.Tables.LEAD_ARRIVAL_ASSIGNMENT;
import static io.hearth.core.persistence.generated.Tables.LEAD_ESCALATION;
import static io.hearth.core.persistence.generated.Tables.LEAD_PROFILE;
import static java.util.Objects.requireNonNull;

import io.hearth.core.lead.LeadStatus;
import io.hearth.core.persistence.generated.tables.records.LeadEscalationRecord;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.Scope;
import io.hearth.core.team.Escalation;
import io.hearth.core.team.EscalationStore;
import io.hearth.core.team.WaitingLead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

/** {@link EscalationStore} on jOOQ: once per lead by primary key and conditional update. */
public final class JooqEscalationStore implements EscalationStore {
    private final DSLContext dsl;

    public JooqEscalationStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    /** Open inbound leads waiting for their first touch (the profile index on the deadline finds them). */
    private static Condition waitingFrom(Instant from) {
        return LEAD_PROFILE
                .RESPONSE_DEADLINE
                .ge(at(from))
                .and(LEAD_PROFILE.FIRST_TOUCH_AT.isNull())
                .and(LEAD.ARCHIVED_AT.isNull())
                .and(LEAD.STATUS.ne(LeadStatus.CONVERTED.name()));
    }

    @Override
    public List<WaitingLead> dueForEscalation(Instant from, Instant upTo, int limit) {
        return dsl.select(LEAD.ID, LEAD.OWNER, LEAD.DISPLAY_NAME, LEAD.SOURCE, LEAD_PROFILE.RESPONSE_DEADLINE)
                .from(LEAD_PROFILE)
                .join(LEAD)
                .on(LEAD.ID.eq(LEAD_PROFILE.LEAD_ID))
                .where(waitingFrom(from))
                .and(LEAD_PROFILE.RESPONSE_DEADLINE.le(at(upTo)))
                .andNotExists(DSL.selectOne().from(LEAD_ESCALATION).where(LEAD_ESCALATION.LEAD_ID.eq(LEAD.ID)))
                .orderBy(LEAD_PROFILE.RESPONSE_DEADLINE, LEAD.ID)
                .limit(limit)
                .fetch(JooqEscalationStore::toWaiting);
    }

    @Override
    public boolean insertIfAbsent(Escalation e) {
        LeadEscalationRecord row = dsl.newRecord(LEAD_ESCALATION);
        row.setLeadId(e.leadId().value());
        row.setTeam(e.team());
        row.setOwner(e.owner());
        row.setDisplayName(e.displayName());
        row.setDeadline(at(e.deadline()));
        row.setEscalatedAt(at(e.escalatedAt()));
        row.setReason(e.reason());
        row.setSettledAt(at(e.settledAt()));
        row.setReassignedTo(e.reassignedTo());
        try {
            // PostgreSQL waits for a concurrent insert of the same key and then inserts nothing;
            // HSQLDB may refuse the second insert instead
            return dsl.insertInto(LEAD_ESCALATION)
                            .set(row)
                            .onConflictDoNothing()
                            .execute()
                    == 1;
        } catch (IntegrityConstraintViolationException taken) {
            return false;
        }
    }

    @Override
    public Optional<Escalation> find(LeadId leadId) {
        return dsl.selectFrom(LEAD_ESCALATION)
                .where(LEAD_ESCALATION.LEAD_ID.eq(leadId.value()))
                .fetchOptional(JooqEscalationStore::toEscalation);
    }

    @Override
    public List<Escalation> dueToSettle(Instant now, int limit) {
        return dsl.selectFrom(LEAD_ESCALATION)
                .where(LEAD_ESCALATION.SETTLED_AT.isNull())
                .and(LEAD_ESCALATION.DEADLINE.lt(at(now)))
                .orderBy(LEAD_ESCALATION.DEADLINE, LEAD_ESCALATION.LEAD_ID)
                .limit(limit)
                .fetch(JooqEscalationStore::toEscalation);
    }

    @Override
    public boolean settle(LeadId leadId, Instant at, String reassignedTo) {
        return dsl.update(LEAD_ESCALATION)
                        .set(LEAD_ESCALATION.SETTLED_AT, at(at))
                        .set(LEAD_ESCALATION.REASSIGNED_TO, reassignedTo)
                        .where(LEAD_ESCALATION.LEAD_ID.eq(leadId.value()))
                        .and(LEAD_ESCALATION.SETTLED_AT.isNull())
                        .execute()
                == 1;
    }

    @Override
    public boolean stillWaiting(LeadId leadId) {
        return dsl.fetchExists(DSL.selectOne()
                .from(LEAD_PROFILE)
                .join(LEAD)
                .on(LEAD.ID.eq(LEAD_PROFILE.LEAD_ID))
                .where(LEAD.ID.eq(leadId.value()))
                .and(LEAD_PROFILE.RESPONSE_DEADLINE.isNotNull())
                .and(LEAD_PROFILE.FIRST_TOUCH_AT.isNull())
                .and(LEAD.ARCHIVED_AT.isNull())
                .and(LEAD.STATUS.ne(LeadStatus.CONVERTED.name())));
    }

    @Override
    public List<WaitingLead> unownedArrivals(Instant from, int limit) {
        return dsl.select(LEAD.ID, LEAD.OWNER, LEAD.DISPLAY_NAME, LEAD.SOURCE, LEAD_PROFILE.RESPONSE_DEADLINE)
                .from(LEAD_PROFILE)
                .join(LEAD)
                .on(LEAD.ID.eq(LEAD_PROFILE.LEAD_ID))
                .where(waitingFrom(from))
                .and(LEAD.OWNER.isNull())
                .andNotExists(DSL.selectOne()
                        .from(LEAD_ARRIVAL_ASSIGNMENT)
                        .where(LEAD_ARRIVAL_ASSIGNMENT.LEAD_ID.eq(LEAD.ID)))
                .orderBy(LEAD_PROFILE.RESPONSE_DEADLINE, LEAD.ID)
                .limit(limit)
                .fetch(JooqEscalationStore::toWaiting);
    }

    @Override
    public boolean claimArrival(LeadId leadId, String team, String rep, Instant at) {
        try {
            return dsl.insertInto(LEAD_ARRIVAL_ASSIGNMENT)
                            .set(LEAD_ARRIVAL_ASSIGNMENT.LEAD_ID, leadId.value())
                            .set(LEAD_ARRIVAL_ASSIGNMENT.TEAM, team)
                            .set(LEAD_ARRIVAL_ASSIGNMENT.ASSIGNED_TO, rep)
                            .set(LEAD_ARRIVAL_ASSIGNMENT.ASSIGNED_AT, at(at))
                            .onConflictDoNothing()
                            .execute()
                    == 1;
        } catch (IntegrityConstraintViolationException taken) {
            return false;
        }
    }

    @Override
    public List<Escalation> since(Instant since, Scope scope, Optional<String> team, int limit) {
        List<Escalation> escalations = new ArrayList<>(dsl.selectFrom(LEAD_ESCALATION)
                .where(LEAD_ESCALATION.ESCALATED_AT.ge(at(since)))
                .and(visibleTo(scope, team))
                .orderBy(LEAD_ESCALATION.ESCALATED_AT.desc(), LEAD_ESCALATION.LEAD_ID.desc())
                .limit(limit)
                .fetch(JooqEscalationStore::toEscalation));
        Collections.reverse(escalations);
        return escalations;
    }

    /** Everyone's for an admin; else the team's, the caller's own (owned or got) and unowned leads'. */
    static Condition visibleTo(Scope scope, Optional<String> team) {
        if (scope instanceof Scope.Everyone) {
            return DSL.noCondition();
        }
        String user = scope instanceof Scope.Own own ? own.user() : ((Scope.Team) scope).user();
        Condition visible = LEAD_ESCALATION
                .OWNER
                .isNull()
                .or(LEAD_ESCALATION.OWNER.eq(user))
                .or(LEAD_ESCALATION.REASSIGNED_TO.eq(user));
        return team.map(t -> visible.or(LEAD_ESCALATION.TEAM.eq(t))).orElse(visible);
    }

    private static WaitingLead toWaiting(Record r) {
        return new WaitingLead(
                new LeadId(r.get(LEAD.ID)),
                r.get(LEAD.OWNER),
                r.get(LEAD.DISPLAY_NAME),
                LeadSource.valueOf(r.get(LEAD.SOURCE)),
                instant(r.get(LEAD_PROFILE.RESPONSE_DEADLINE)));
    }

    private static Escalation toEscalation(LeadEscalationRecord r) {
        return new Escalation(
                new LeadId(r.getLeadId()),
                r.getTeam(),
                r.getOwner(),
                r.getDisplayName(),
                instant(r.getDeadline()),
                instant(r.getEscalatedAt()),
                r.getReason(),
                instant(r.getSettledAt()),
                r.getReassignedTo());
    }

    @Override
    public EscalationTotals totals() {
        Record r = dsl.select(
                        DSL.count(),
                        DSL.count(LEAD_ESCALATION.REASSIGNED_TO),
                        DSL.field(DSL.selectCount().from(LEAD_ARRIVAL_ASSIGNMENT)))
                .from(LEAD_ESCALATION)
                .fetchOne();
        return new EscalationTotals(r.get(0, Long.class), r.get(1, Long.class), r.get(2, Long.class));
    }
}
