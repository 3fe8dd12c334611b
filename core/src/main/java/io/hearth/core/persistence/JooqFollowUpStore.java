package io.hearth.core.persistence;

import static io.hearth.core.persistence.JooqContactStore.toOffset;
import static io.hearth.core.persistence.generated.Tables.CONTACT;
import static io.hearth.core.persistence.generated.Tables.FOLLOW_UP;
import static io.hearth.core.persistence.generated.Tables.LEAD;
import static java.util.Objects.requireNonNull;

import io.hearth.core.persistence.generated.tables.records.FollowUpRecord;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.PersonKind;
import io.hearth.core.person.PersonRef;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageToken;
import io.hearth.core.touch.Channel;
import io.hearth.core.touch.DueQuery;
import io.hearth.core.touch.FollowUp;
import io.hearth.core.touch.FollowUpState;
import io.hearth.core.touch.FollowUpStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;

/** {@link FollowUpStore} on jOOQ; runs unchanged on HSQLDB and PostgreSQL. */
public final class JooqFollowUpStore implements FollowUpStore {
    private final DSLContext dsl;

    public JooqFollowUpStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    /** The person's owner: the contact's once there is one (a converted lead's steps carry both ids). */
    private static final Field<String> CURRENT_OWNER_VALUE =
            DSL.when(FOLLOW_UP.CONTACT_ID.isNotNull(), CONTACT.OWNER).otherwise(LEAD.OWNER);

    private static final Field<String> CURRENT_OWNER = CURRENT_OWNER_VALUE.as("current_owner");

    @Override
    public void insert(FollowUp followUp) {
        dsl.executeInsert(toRecord(followUp));
    }

    @Override
    public Optional<FollowUp> find(UUID id) {
        return withOwner().where(FOLLOW_UP.ID.eq(id)).fetchOptional().map(JooqFollowUpStore::toFollowUp);
    }

    @Override
    public Optional<FollowUp> findOpen(PersonRef person) {
        return withOwner()
                .where(personIs(person).and(isOpen()))
                .orderBy(FOLLOW_UP.DUE_AT)
                .limit(1)
                .fetchOptional()
                .map(JooqFollowUpStore::toFollowUp);
    }

    /**
     * Follow-ups with the owner their person has now: a step is worked by whoever owns the person
     * today, so reassigning a lead or contact hands over its open steps too. The stored owner stays
     * as who owned the person when the step was planned.
     */
    private SelectOnConditionStep<Record> withOwner() {
        return dsl.select(FOLLOW_UP.fields())
                .select(CURRENT_OWNER)
                .from(FOLLOW_UP)
                .leftJoin(LEAD)
                .on(LEAD.ID.eq(FOLLOW_UP.LEAD_ID))
                .leftJoin(CONTACT)
                .on(CONTACT.ID.eq(FOLLOW_UP.CONTACT_ID));
    }

    @Override
    public Map<UUID, FollowUp> findOpen(PersonKind kind, Collection<UUID> personIds) {
        Map<UUID, FollowUp> open = new HashMap<>();
        if (personIds.isEmpty()) {
            return open;
        }
        Field<UUID> personId = kind == PersonKind.LEAD ? FOLLOW_UP.LEAD_ID : FOLLOW_UP.CONTACT_ID;
        // one open step per person; were there two, the earlier due is the next one
        withOwner()
                .where(ArrayParameters.oneOf(dsl, personId, personIds).and(isOpen()))
                .orderBy(FOLLOW_UP.DUE_AT.desc())
                .fetch()
                .forEach(r -> open.put(r.get(personId), toFollowUp(r)));
        return open;
    }

    @Override
    public boolean close(FollowUp closed) {
        return dsl.update(FOLLOW_UP)
                        .set(FOLLOW_UP.STATE, closed.state().name())
                        .set(FOLLOW_UP.TOUCH_ID, closed.touchId())
                        .set(FOLLOW_UP.CLOSED_AT, toOffset(closed.closedAt()))
                        .set(FOLLOW_UP.SKIP_REASON, closed.skipReason())
                        .where(FOLLOW_UP.ID.eq(closed.id()).and(isOpen()))
                        .execute()
                == 1;
    }

    @Override
    public void cancelOpen(PersonRef person, Instant now) {
        dsl.update(FOLLOW_UP)
                .set(FOLLOW_UP.STATE, FollowUpState.CANCELLED.name())
                .set(FOLLOW_UP.CLOSED_AT, toOffset(now))
                .where(personIs(person).and(isOpen()))
                .execute();
    }

    @Override
    public int carryOver(LeadId lead, ContactId contact) {
        return dsl.update(FOLLOW_UP)
                .set(FOLLOW_UP.CONTACT_ID, contact.value())
                .where(FOLLOW_UP.LEAD_ID.eq(lead.value()))
                .execute();
    }

    @Override
    public Page<FollowUp> listDue(DueQuery query) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(isOpen());
        conditions.add(FOLLOW_UP.DUE_AT.le(toOffset(query.asOf())));
        if (query.owner() != null) {
            conditions.add(CURRENT_OWNER_VALUE.eq(query.owner()));
        }
        conditions.add(OwnerScope.visibleTo(CURRENT_OWNER_VALUE, query.scope()));
        // an archived person is not worked; the follow-up comes back with the person on restore
        conditions.add(LEAD.ARCHIVED_AT.isNull());
        conditions.add(CONTACT.ARCHIVED_AT.isNull());
        var select = withOwner().where(conditions).orderBy(FOLLOW_UP.DUE_AT.asc(), FOLLOW_UP.ID.asc());
        int fetchSize = query.pageSize() + 1;
        List<Record> records = query.after()
                .map(after -> select.seek(toOffset(Instant.parse(after.sortValue())), UUID.fromString(after.id()))
                        .limit(fetchSize)
                        .fetch())
                .orElseGet(() -> select.limit(fetchSize).fetch());
        boolean more = records.size() > query.pageSize();
        List<Record> page = more ? records.subList(0, query.pageSize()) : records;
        Optional<String> next = Optional.empty();
        if (more) {
            Record last = page.get(page.size() - 1);
            next = Optional.of(new PageToken(
                            query.fingerprint(),
                            last.get(FOLLOW_UP.DUE_AT).toInstant().toString(),
                            last.get(FOLLOW_UP.ID).toString())
                    .encode());
        }
        return new Page<>(page.stream().map(JooqFollowUpStore::toFollowUp).toList(), next);
    }

    private static Condition isOpen() {
        return FOLLOW_UP.STATE.eq(FollowUpState.SCHEDULED.name());
    }

    private static Condition personIs(PersonRef person) {
        return person.isLead() ? FOLLOW_UP.LEAD_ID.eq(person.id()) : FOLLOW_UP.CONTACT_ID.eq(person.id());
    }

    private static FollowUpRecord toRecord(FollowUp f) {
        FollowUpRecord r = new FollowUpRecord();
        r.setId(f.id());
        r.setLeadId(f.person().isLead() ? f.person().id() : null);
        r.setContactId(f.person().isLead() ? null : f.person().id());
        r.setFollowUpNumber(f.followUpNumber());
        r.setCadenceStep(f.cadenceStep());
        r.setChannel(f.channel().name());
        r.setDueAt(toOffset(f.dueAt()));
        r.setPurpose(f.purpose());
        r.setOwner(f.owner());
        r.setState(f.state().name());
        r.setTouchId(f.touchId());
        r.setCreatedAt(toOffset(f.createdAt()));
        r.setClosedAt(f.closedAt() == null ? null : toOffset(f.closedAt()));
        r.setSkipReason(f.skipReason());
        return r;
    }

    private static FollowUp toFollowUp(Record joined) {
        FollowUpRecord r = joined.into(FOLLOW_UP);
        PersonRef person = r.getLeadId() != null
                ? new PersonRef(PersonKind.LEAD, r.getLeadId())
                : new PersonRef(PersonKind.CONTACT, r.getContactId());
        return new FollowUp(
                r.getId(),
                person,
                r.getFollowUpNumber(),
                r.getCadenceStep(),
                Channel.valueOf(r.getChannel()),
                r.getDueAt().toInstant(),
                r.getPurpose(),
                joined.get(CURRENT_OWNER),
                FollowUpState.valueOf(r.getState()),
                r.getTouchId(),
                r.getCreatedAt().toInstant(),
                r.getClosedAt() == null ? null : r.getClosedAt().toInstant(),
                r.getSkipReason());
    }
}
