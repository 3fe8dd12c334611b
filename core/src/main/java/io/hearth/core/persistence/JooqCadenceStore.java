package io.hearth.core.persistence;

import static io.hearth.core.persistence.JooqContactStore.toOffset;
import static io.hearth.core.persistence.generated.Tables.CADENCE;
import static io.hearth.core.persistence.generated.Tables.CONTACT;
import static io.hearth.core.persistence.generated.Tables.FOLLOW_UP;
import static io.hearth.core.persistence.generated.Tables.LEAD;
import static java.util.Objects.requireNonNull;

import io.hearth.core.persistence.generated.tables.records.CadenceRecord;
import io.hearth.core.person.CadenceState;
import io.hearth.core.person.PersonKind;
import io.hearth.core.person.PersonRef;
import io.hearth.core.touch.Cadence;
import io.hearth.core.touch.CadenceStore;
import io.hearth.core.touch.FollowUp;
import io.hearth.core.touch.FollowUpState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.SelectJoinStep;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;

/** {@link CadenceStore} on jOOQ; runs unchanged on HSQLDB and PostgreSQL. */
public final class JooqCadenceStore implements CadenceStore {
    private final DSLContext dsl;
    /** A person's cadence, read by every touch, follow-up and person shown (RenderedQuery). */
    private final RenderedQuery byPerson;
    // a cadence saved after every touch: updated, or inserted when the person has none yet
    private final RenderedQuery updateRow;
    private final RenderedQuery insertRow;
    /** A person's cadence and open step in one statement, by kind of person ({@link #findWithOpenStep}). */
    private final Map<PersonKind, RenderedQuery> withOpenStep = new EnumMap<>(PersonKind.class);

    public JooqCadenceStore(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
        this.byPerson = new RenderedQuery(
                dsl,
                dsl.select(CADENCE.fields())
                        .from(CADENCE)
                        .where(CADENCE.PERSON_KIND
                                .eq(DSL.param("kind", String.class))
                                .and(CADENCE.PERSON_ID.eq(DSL.param("id", UUID.class)))));
        Map<Field<?>, Field<?>> row = RenderedQuery.columnParameters(CADENCE.fields());
        Map<Field<?>, Field<?>> changes = new LinkedHashMap<>(row);
        changes.remove(CADENCE.PERSON_ID);
        changes.remove(CADENCE.PERSON_KIND);
        this.updateRow = new RenderedQuery(
                dsl,
                dsl.update(CADENCE)
                        .set(changes)
                        .where(CADENCE.PERSON_KIND.eq(DSL.param(CADENCE.PERSON_KIND.getName(), String.class)))
                        .and(CADENCE.PERSON_ID.eq(DSL.param(CADENCE.PERSON_ID.getName(), UUID.class))));
        this.insertRow = new RenderedQuery(dsl, dsl.insertInto(CADENCE).set(row));
        for (PersonKind kind : PersonKind.values()) {
            // one row to join both to, so a person with a step but no cadence (or neither) reads too
            withOpenStep.put(
                    kind,
                    new RenderedQuery(
                            dsl,
                            joinCadenceAndOpenStep(
                                            dsl.select(CADENCE_AND_OPEN_STEP)
                                                    .from(DSL.selectOne().asTable("person")),
                                            kind,
                                            DSL.param("id", UUID.class))
                                    .leftJoin(LEAD)
                                    .on(LEAD.ID.eq(FOLLOW_UP.LEAD_ID))
                                    .leftJoin(CONTACT)
                                    .on(CONTACT.ID.eq(FOLLOW_UP.CONTACT_ID))));
        }
    }

    /**
     * The columns {@link #joinCadenceAndOpenStep} adds, {@link #storedOf} reads: the cadence, the
     * step and its owner now ({@link JooqFollowUpStore#CURRENT_OWNER}, whose person tables the
     * caller joins).
     */
    static final List<Field<?>> CADENCE_AND_OPEN_STEP = cadenceAndOpenStepColumns();

    private static List<Field<?>> cadenceAndOpenStepColumns() {
        List<Field<?>> columns = new ArrayList<>(Arrays.asList(CADENCE.fields()));
        columns.addAll(Arrays.asList(FOLLOW_UP.fields()));
        columns.add(JooqFollowUpStore.CURRENT_OWNER);
        return List.copyOf(columns);
    }

    /**
     * {@code query} left-joined to the cadence and the open steps of {@code person}, a person of
     * {@code kind}: a row per open step (one, unless a race left two).
     */
    static SelectOnConditionStep<Record> joinCadenceAndOpenStep(
            SelectJoinStep<Record> query, PersonKind kind, Field<UUID> person) {
        return query.leftJoin(CADENCE)
                .on(CADENCE.PERSON_KIND.eq(DSL.inline(kind.name())).and(CADENCE.PERSON_ID.eq(person)))
                .leftJoin(FOLLOW_UP)
                .on(JooqFollowUpStore.personId(kind)
                        .eq(person)
                        .and(FOLLOW_UP.STATE.eq(DSL.inline(FollowUpState.SCHEDULED.name()))));
    }

    /**
     * What rows joined by {@link #joinCadenceAndOpenStep} hold: the cadence, and the open step,
     * the earlier due were there two (as {@code FollowUpStore.findOpen} has it).
     */
    static Stored storedOf(List<? extends Columns> rows) {
        Cadence cadence = rows.isEmpty() || rows.get(0).get(CADENCE.PERSON_ID) == null ? null : toCadence(rows.get(0));
        FollowUp openStep = null;
        for (Columns row : rows) {
            if (row.get(FOLLOW_UP.ID) != null
                    && (openStep == null
                            || row.get(FOLLOW_UP.DUE_AT).toInstant().isBefore(openStep.dueAt()))) {
                openStep = JooqFollowUpStore.toFollowUp(row);
            }
        }
        return new Stored(cadence, openStep);
    }

    @Override
    public Optional<Cadence> find(PersonRef person) {
        return byPerson
                .fetch(dsl, Map.of("kind", person.kind().name(), "id", person.id()), JooqCadenceStore::toCadence)
                .stream()
                .findFirst();
    }

    @Override
    public Stored findWithOpenStep(PersonRef person) {
        return storedOf(withOpenStep.get(person.kind()).fetch(dsl, Map.of("id", person.id()), row -> row));
    }

    @Override
    public Map<UUID, Cadence> findAll(PersonKind kind, Collection<UUID> personIds) {
        Map<UUID, Cadence> result = new HashMap<>();
        if (personIds.size() == 1) {
            UUID id = personIds.iterator().next();
            find(new PersonRef(kind, id)).ifPresent(cadence -> result.put(id, cadence));
        } else if (!personIds.isEmpty()) {
            dsl.selectFrom(CADENCE)
                    .where(CADENCE.PERSON_KIND
                            .eq(kind.name())
                            .and(ArrayParameters.oneOf(dsl, CADENCE.PERSON_ID, personIds)))
                    .fetch()
                    .forEach(r -> result.put(r.getPersonId(), toCadence(r)));
        }
        return result;
    }

    @Override
    public List<UUID> contactsWithoutCadence(UUID after, int limit) {
        return dsl.select(CONTACT.ID)
                .from(CONTACT)
                .where(CONTACT.ARCHIVED_AT.isNull())
                .and(after == null ? DSL.noCondition() : CONTACT.ID.gt(after))
                .andNotExists(dsl.selectOne()
                        .from(CADENCE)
                        .where(CADENCE.PERSON_KIND.eq(PersonKind.CONTACT.name()))
                        .and(CADENCE.PERSON_ID.eq(CONTACT.ID)))
                .orderBy(CONTACT.ID)
                .limit(limit)
                .fetch(CONTACT.ID);
    }

    @Override
    public void save(Cadence cadence) {
        CadenceRecord r = new CadenceRecord();
        r.setPersonId(cadence.person().id());
        r.setPersonKind(cadence.person().kind().name());
        r.setState(cadence.state().name());
        r.setCompletedFollowUps(cadence.completedFollowUps());
        r.setNextStep(cadence.nextStep());
        r.setMovedToDripAt(cadence.movedToDripAt() == null ? null : toOffset(cadence.movedToDripAt()));
        r.setUpdatedAt(toOffset(cadence.updatedAt()));
        Map<String, Object> values = RenderedQuery.valuesOf(r);
        if (updateRow.execute(dsl, values) == 0) {
            insertRow.execute(dsl, values);
        }
    }

    @Override
    public Cadence claim(PersonRef person, Instant now) {
        // The person's own row is the lock: it exists before any cadence row does. (Racing to insert
        // the cadence row fails instead of waiting.) PostgreSQL locks it with SELECT ... FOR UPDATE.
        // HSQLDB's FOR UPDATE does not make a second reader wait (tried: two cadence rows raced in),
        // so there a write that changes nothing takes the lock.
        boolean lead = person.isLead();
        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            (lead
                            ? dsl.select(LEAD.ID).from(LEAD).where(LEAD.ID.eq(person.id()))
                            : dsl.select(CONTACT.ID).from(CONTACT).where(CONTACT.ID.eq(person.id())))
                    .forUpdate()
                    .fetch();
        } else if (lead) {
            dsl.update(LEAD)
                    .set(LEAD.VERSION, LEAD.VERSION)
                    .where(LEAD.ID.eq(person.id()))
                    .execute();
        } else {
            dsl.update(CONTACT)
                    .set(CONTACT.VERSION, CONTACT.VERSION)
                    .where(CONTACT.ID.eq(person.id()))
                    .execute();
        }
        return find(person).orElseGet(() -> Cadence.start(person, now));
    }

    private static Cadence toCadence(CadenceRecord r) {
        return toCadence(Columns.of(r));
    }

    private static Cadence toCadence(Columns r) {
        OffsetDateTime movedToDripAt = r.get(CADENCE.MOVED_TO_DRIP_AT);
        return new Cadence(
                new PersonRef(PersonKind.valueOf(r.get(CADENCE.PERSON_KIND)), r.get(CADENCE.PERSON_ID)),
                CadenceState.valueOf(r.get(CADENCE.STATE)),
                r.get(CADENCE.COMPLETED_FOLLOW_UPS),
                r.get(CADENCE.NEXT_STEP),
                movedToDripAt == null ? null : movedToDripAt.toInstant(),
                r.get(CADENCE.UPDATED_AT).toInstant());
    }
}
