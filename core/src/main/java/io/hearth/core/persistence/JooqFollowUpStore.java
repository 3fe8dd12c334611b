package io.hearth.core.persistence;

import static io.hearth.core.persistence.JooqContactStore.toOffset;
import static io.hearth.core.persistence.generated.Tables.CONTACT;
import static io.hearth.core.persistence.generated.Tables.FOLLOW_UP;
import static io.hearth.core.persistence.generated.Tables.LEAD;
import static java.util.Objects.requireNonNull;

import io.hearth.core.contact.ContactId;
import io.hearth.core.lead.LeadId;
import io.hearth.core.persistence.generated.tables.records.FollowUpRecord;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageToken;
import io.hearth.core.queue.PersonKind;
import io.hearth.core.touch.Channel;
import io.hearth.core.touch.DueQuery;
import io.hearth.core.touch.FollowUp;
import io.hearth.core.touch.FollowUpState;
import io.hearth.core.touch.FollowUpStore;
import io.hearth.core.touch.PersonRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@link FollowUpStore} on jOOQ; runs unchanged on HSQLDB and PostgreSQL. */
public final class JooqFollowUpStore implements FollowUpStore {
    private final DSLContext dsl;

    public JooqFollowUpStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    @Override
    public void insert(FollowUp followUp) {
        dsl.executeInsert(toRecord(followUp));
    }

    @Override
    public Optional<FollowUp> find(UUID id) {
        return dsl.selectFrom(FOLLOW_UP).where(FOLLOW_UP.ID.eq(id)).fetchOptional().map(JooqFollowUpStore::toFollowUp);
    }

    @Override
    public Optional<FollowUp> findOpen(PersonRef person) {
        return dsl.selectFrom(FOLLOW_UP).where(personIs(person).and(isOpen())).orderBy(FOLLOW_UP.DUE_AT)
                .limit(1).fetchOptional().map(JooqFollowUpStore::toFollowUp);
    }

    @Override
    public boolean close(FollowUp closed) {
        return dsl.update(FOLLOW_UP)
                .set(FOLLOW_UP.STATE, closed.state().name())
                .set(FOLLOW_UP.TOUCH_ID, closed.touchId())
                .set(FOLLOW_UP.CLOSED_AT, toOffset(closed.closedAt()))
                .where(FOLLOW_UP.ID.eq(closed.id()).and(isOpen()))
                .execute() == 1;
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
    public void carryOver(LeadId lead, ContactId contact) {
        dsl.update(FOLLOW_UP).set(FOLLOW_UP.CONTACT_ID, contact.value())
                .where(FOLLOW_UP.LEAD_ID.eq(lead.value())).execute();
    }

    @Override
    public Page<FollowUp> listDue(DueQuery query) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(isOpen());
        conditions.add(FOLLOW_UP.DUE_AT.le(toOffset(query.asOf())));
        if (query.owner() != null) {
            conditions.add(FOLLOW_UP.OWNER.eq(query.owner()));
        }
        // an archived person is not worked; the follow-up comes back with the person on restore
        conditions.add(DSL.notExists(DSL.selectOne().from(LEAD)
                .where(LEAD.ID.eq(FOLLOW_UP.LEAD_ID).and(LEAD.ARCHIVED_AT.isNotNull()))));
        conditions.add(DSL.notExists(DSL.selectOne().from(CONTACT)
                .where(CONTACT.ID.eq(FOLLOW_UP.CONTACT_ID).and(CONTACT.ARCHIVED_AT.isNotNull()))));
        var select = dsl.selectFrom(FOLLOW_UP).where(conditions).orderBy(FOLLOW_UP.DUE_AT.asc(), FOLLOW_UP.ID.asc());
        int fetchSize = query.pageSize() + 1;
        List<FollowUpRecord> records = query.after()
                .map(after -> select.seek(toOffset(Instant.parse(after.sortValue())), UUID.fromString(after.id()))
                        .limit(fetchSize).fetch())
                .orElseGet(() -> select.limit(fetchSize).fetch());
        boolean more = records.size() > query.pageSize();
        List<FollowUpRecord> page = more ? records.subList(0, query.pageSize()) : records;
        Optional<String> next = Optional.empty();
        if (more) {
            FollowUpRecord last = page.get(page.size() - 1);
            next = Optional.of(new PageToken(query.fingerprint(), last.getDueAt().toInstant().toString(),
                    last.getId().toString()).encode());
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
        return r;
    }

    private static FollowUp toFollowUp(FollowUpRecord r) {
        PersonRef person = r.getLeadId() != null
                ? new PersonRef(PersonKind.LEAD, r.getLeadId())
                : new PersonRef(PersonKind.CONTACT, r.getContactId());
        return new FollowUp(r.getId(), person, r.getFollowUpNumber(), r.getCadenceStep(),
                Channel.valueOf(r.getChannel()), r.getDueAt().toInstant(), r.getPurpose(), r.getOwner(),
                FollowUpState.valueOf(r.getState()), r.getTouchId(), r.getCreatedAt().toInstant(),
                r.getClosedAt() == null ? null : r.getClosedAt().toInstant());
    }
}
