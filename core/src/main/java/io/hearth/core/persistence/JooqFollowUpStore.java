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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
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
    /** A lead's or a contact's open steps, latest due first, read with every person shown and every touch. */
    private final Map<PersonKind, RenderedQuery> openOf = new EnumMap<>(PersonKind.class);
    // a step's read, planning and closing, with every follow-up worked (RenderedQuery)
    private final RenderedQuery byId;
    private final RenderedQuery insertRow;
    private final RenderedQuery closeOpen;

    public JooqFollowUpStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
        for (PersonKind kind : PersonKind.values()) {
            openOf.put(
                    kind,
                    new RenderedQuery(
                            dsl,
                            withOwner()
                                    .where(personId(kind).eq(DSL.param("id", UUID.class)))
                                    .and(FOLLOW_UP.STATE.eq(DSL.inline(FollowUpState.SCHEDULED.name())))
                                    .orderBy(FOLLOW_UP.DUE_AT.desc())));
        }
        this.byId = new RenderedQuery(dsl, withOwner().where(FOLLOW_UP.ID.eq(DSL.param("id", UUID.class))));
        this.insertRow = new RenderedQuery(
                dsl, dsl.insertInto(FOLLOW_UP).set(RenderedQuery.columnParameters(FOLLOW_UP.fields())));
        this.closeOpen = new RenderedQuery(
                dsl,
                dsl.update(FOLLOW_UP)
                        .set(FOLLOW_UP.STATE, DSL.param("state", String.class))
                        .set(FOLLOW_UP.TOUCH_ID, DSL.param("touch", UUID.class))
                        .set(FOLLOW_UP.CLOSED_AT, DSL.param("closed_at", OffsetDateTime.class))
                        .set(FOLLOW_UP.SKIP_REASON, DSL.param("skip_reason", String.class))
                        .where(FOLLOW_UP.ID.eq(DSL.param("id", UUID.class)))
                        .and(FOLLOW_UP.STATE.eq(DSL.inline(FollowUpState.SCHEDULED.name()))));
    }

    static Field<UUID> personId(PersonKind kind) {
        return kind == PersonKind.LEAD ? FOLLOW_UP.LEAD_ID : FOLLOW_UP.CONTACT_ID;
    }

    /** The person's open steps, latest due first (one, unless a race left two). */
    private List<FollowUp> openOf(PersonKind kind, UUID person) {
        return openOf.get(kind).fetch(dsl, Map.of("id", person), JooqFollowUpStore::toFollowUp);
    }

    /** The person's owner: the contact's once there is one (a converted lead's steps carry both ids). */
    static final Field<String> CURRENT_OWNER_VALUE =
            DSL.when(FOLLOW_UP.CONTACT_ID.isNotNull(), CONTACT.OWNER).otherwise(LEAD.OWNER);

    static final Field<String> CURRENT_OWNER = CURRENT_OWNER_VALUE.as("current_owner");

    @Override
    public void insert(FollowUp followUp) {
        insertRow.execute(dsl, RenderedQuery.valuesOf(toRecord(followUp)));
    }

    @Override
    public Optional<FollowUp> find(UUID id) {
        return byId.fetch(dsl, Map.of("id", id), JooqFollowUpStore::toFollowUp).stream()
                .findFirst();
    }

    @Override
    public Optional<FollowUp> findOpen(PersonRef person) {
        List<FollowUp> open = openOf(person.kind(), person.id());
        // were there two, the earlier due is the next one
        return open.isEmpty() ? Optional.empty() : Optional.of(open.get(open.size() - 1));
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
        if (personIds.size() == 1) {
            UUID person = personIds.iterator().next();
            openOf(kind, person).forEach(step -> open.put(person, step));
            return open;
        }
        Field<UUID> personId = personId(kind);
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
        Map<String, Object> values = new HashMap<>();
        values.put("state", closed.state().name());
        values.put("touch", closed.touchId());
        values.put("closed_at", toOffset(closed.closedAt()));
        values.put("skip_reason", closed.skipReason());
        values.put("id", closed.id());
        return closeOpen.execute(dsl, values) == 1;
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
        return toFollowUp(Columns.of(joined));
    }

    static FollowUp toFollowUp(Columns r) {
        UUID leadId = r.get(FOLLOW_UP.LEAD_ID);
        PersonRef person = leadId != null
                ? new PersonRef(PersonKind.LEAD, leadId)
                : new PersonRef(PersonKind.CONTACT, r.get(FOLLOW_UP.CONTACT_ID));
        OffsetDateTime closedAt = r.get(FOLLOW_UP.CLOSED_AT);
        return new FollowUp(
                r.get(FOLLOW_UP.ID),
                person,
                r.get(FOLLOW_UP.FOLLOW_UP_NUMBER),
                r.get(FOLLOW_UP.CADENCE_STEP),
                Channel.valueOf(r.get(FOLLOW_UP.CHANNEL)),
                r.get(FOLLOW_UP.DUE_AT).toInstant(),
                r.get(FOLLOW_UP.PURPOSE),
                r.get(CURRENT_OWNER),
                FollowUpState.valueOf(r.get(FOLLOW_UP.STATE)),
                r.get(FOLLOW_UP.TOUCH_ID),
                r.get(FOLLOW_UP.CREATED_AT).toInstant(),
                closedAt == null ? null : closedAt.toInstant(),
                r.get(FOLLOW_UP.SKIP_REASON));
    }
}
