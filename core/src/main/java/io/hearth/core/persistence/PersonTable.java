package io.hearth.core.persistence;

import static io.hearth.core.persistence.generated.Tables.CADENCE;
import static io.hearth.core.persistence.generated.Tables.CONTACT;
import static io.hearth.core.persistence.generated.Tables.CONTACT_TAG;
import static io.hearth.core.persistence.generated.Tables.FOLLOW_UP;
import static io.hearth.core.persistence.generated.Tables.LEAD;
import static io.hearth.core.persistence.generated.Tables.LEAD_TAG;
import static java.util.Objects.requireNonNull;

import io.hearth.core.dedup.DedupKeys;
import io.hearth.core.persistence.generated.tables.records.ContactRecord;
import io.hearth.core.persistence.generated.tables.records.LeadRecord;
import io.hearth.core.person.CadenceState;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonFields;
import io.hearth.core.person.PersonFilter;
import io.hearth.core.person.PersonKind;
import io.hearth.core.person.Scope;
import io.hearth.core.touch.CadenceStore;
import io.hearth.core.touch.FollowUpState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.SelectOrderByStep;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * How the fields every person has are stored, written once for the lead and the contact tables:
 * both hold the same columns (names, company, title, email, phone, source, owner, notes, the display
 * name and the matching keys) and keep tags in a table of their own.
 *
 * @param <R> the person table's record type
 */
final class PersonTable<R extends Record> {
    static final PersonTable<LeadRecord> LEADS =
            new PersonTable<>(LEAD, LEAD.ID, LEAD_TAG, LEAD_TAG.LEAD_ID, PersonKind.LEAD);
    static final PersonTable<ContactRecord> CONTACTS =
            new PersonTable<>(CONTACT, CONTACT.ID, CONTACT_TAG, CONTACT_TAG.CONTACT_ID, PersonKind.CONTACT);

    private final Table<R> table;
    private final Field<UUID> id;
    private final Table<?> tagTable;
    private final Field<UUID> tagOwner;
    private final Field<String> tag;
    private final Field<String> displayName;
    private final Field<String> givenName;
    private final Field<String> familyName;
    private final Field<String> company;
    private final Field<String> title;
    private final Field<String> email;
    private final Field<String> emailKey;
    private final Field<String> nameKey;
    private final Field<String> phone;
    private final Field<String> source;
    private final Field<String> owner;
    private final Field<String> notes;

    private final PersonKind kind;

    private PersonTable(Table<R> table, Field<UUID> id, Table<?> tagTable, Field<UUID> tagOwner, PersonKind kind) {
        this.table = table;
        this.kind = kind;
        this.id = id;
        this.tagTable = tagTable;
        this.tagOwner = tagOwner;
        this.tag = column(tagTable, "TAG");
        this.displayName = column(table, "DISPLAY_NAME");
        this.givenName = column(table, "GIVEN_NAME");
        this.familyName = column(table, "FAMILY_NAME");
        this.company = column(table, "COMPANY");
        this.title = column(table, "TITLE");
        this.email = column(table, "EMAIL");
        this.emailKey = column(table, "EMAIL_KEY");
        this.nameKey = column(table, "NAME_KEY");
        this.phone = column(table, "PHONE");
        this.source = column(table, "SOURCE");
        this.owner = column(table, "OWNER");
        this.notes = column(table, "NOTES");
    }

    /**
     * The table's own column, not {@code table.field(name, String.class)}: that is a coerced copy,
     * which a record finds by comparing it with each of its fields, rendering both as SQL each time
     * (measured: a tenth of an import's CPU went into {@code record.set} on the lead's columns).
     */
    @SuppressWarnings("unchecked")
    private static Field<String> column(Table<?> table, String name) {
        Field<?> field = requireNonNull(table.field(name), () -> table.getName() + " has no column " + name);
        if (field.getType() != String.class) {
            throw new IllegalStateException(table.getName() + "." + name + " is not a string column");
        }
        return (Field<String>) field;
    }

    /** The person's columns and their values, for an insert's record or an update's {@code set}. */
    Map<Field<?>, Object> values(PersonFields f) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(displayName, f.displayName());
        values.put(givenName, f.givenName());
        values.put(familyName, f.familyName());
        values.put(company, f.company());
        values.put(title, f.title());
        values.put(email, f.email());
        values.put(emailKey, DedupKeys.emailKey(f));
        values.put(nameKey, DedupKeys.nameKey(f));
        values.put(phone, f.phone());
        values.put(source, f.source() == null ? null : f.source().name());
        values.put(owner, f.owner());
        values.put(notes, f.notes());
        return values;
    }

    /** Sets the person's columns on {@code record}. */
    void write(R record, PersonFields f) {
        values(f).forEach((field, value) -> set(record, field, value));
    }

    @SuppressWarnings("unchecked")
    private static void set(Record record, Field<?> field, Object value) {
        record.set((Field<Object>) field, value);
    }

    /** The person's fields in {@code row}, with its {@code tags}. */
    PersonFields read(Columns row, List<String> tags) {
        String storedSource = row.get(source);
        return new PersonFields(
                row.get(givenName),
                row.get(familyName),
                row.get(company),
                row.get(title),
                row.get(email),
                row.get(phone),
                storedSource == null ? null : LeadSource.valueOf(storedSource),
                row.get(owner),
                row.get(notes),
                tags);
    }

    /** The list conditions on the fields every person has; a tag condition looks in the tag table. */
    List<Condition> conditions(PersonFilter filter) {
        List<Condition> conditions = new ArrayList<>();
        filter.owners().forEach(o -> conditions.add(owner.eq(o)));
        filter.sources().forEach(s -> conditions.add(source.eq(s.name())));
        filter.tags()
                .forEach(t -> conditions.add(DSL.exists(
                        DSL.selectOne().from(tagTable).where(tagOwner.eq(id).and(tag.eq(t))))));
        return conditions;
    }

    /**
     * The people {@code scope} may see, as a condition of the query: a rep's own, a manager's and
     * their team's (the team's members are the users its tokens name), everyone's; unowned people
     * are in every scope.
     */
    Condition visibleTo(Scope scope) {
        return OwnerScope.visibleTo(owner, scope);
    }

    /**
     * The people whose follow-up cadence is in {@code state} at {@code now}, in the list's own
     * query so paging stays right; a person without a cadence row has not started one: it counts as
     * active. WAITING is never stored: an active cadence whose open follow-up is due after {@code
     * now} is waiting, the other active ones are active ({@link
     * io.hearth.core.touch.PersonCadence#stateAt}).
     */
    Condition cadenceStateIs(CadenceState state, Instant now) {
        Field<String> stored = DSL.field(DSL.select(CADENCE.STATE)
                .from(CADENCE)
                .where(CADENCE.PERSON_KIND.eq(kind.name()).and(CADENCE.PERSON_ID.eq(id))));
        Condition storedActive =
                DSL.coalesce(stored, DSL.inline(CadenceState.ACTIVE.name())).eq(CadenceState.ACTIVE.name());
        Field<UUID> followUpPerson = kind == PersonKind.LEAD ? FOLLOW_UP.LEAD_ID : FOLLOW_UP.CONTACT_ID;
        Condition stepLater = DSL.exists(DSL.selectOne()
                .from(FOLLOW_UP)
                .where(followUpPerson.eq(id))
                .and(FOLLOW_UP.STATE.eq(FollowUpState.SCHEDULED.name()))
                .and(FOLLOW_UP.DUE_AT.gt(JooqLeadProfileStore.at(now))));
        return switch (state) {
            case WAITING -> storedActive.and(stepLater);
            case ACTIVE -> storedActive.andNot(stepLater);
            default ->
                DSL.coalesce(stored, DSL.inline(CadenceState.ACTIVE.name())).eq(state.name());
        };
    }

    /** The writes of a person's tags, rendered once for {@code dsl}'s database ({@link RenderedQuery}). */
    TagWrites tagWrites(DSLContext dsl) {
        return new TagWrites(dsl);
    }

    /**
     * A person's tags written as a batch of one-row inserts: one statement text for any number of
     * tags, where a multi-row insert made a new text, compiled afresh by HSQLDB, per count.
     */
    final class TagWrites {
        private static final String PERSON = "person";
        private static final String TAG = "tag";
        private final DSLContext dsl;
        private final RenderedQuery insert;
        private final RenderedQuery deleteAll;

        private TagWrites(DSLContext dsl) {
            this.dsl = dsl;
            this.insert = new RenderedQuery(
                    dsl,
                    dsl.insertInto(tagTable)
                            .set(tagOwner, DSL.param(PERSON, UUID.class))
                            .set(tag, DSL.param(TAG, String.class)));
            this.deleteAll =
                    new RenderedQuery(dsl, dsl.deleteFrom(tagTable).where(tagOwner.eq(DSL.param(PERSON, UUID.class))));
        }

        void insert(UUID person, List<String> tags) {
            List<Map<String, Object>> rows = new ArrayList<>(tags.size());
            for (String t : tags) {
                rows.add(Map.of(PERSON, person, TAG, t));
            }
            insert.executeBatch(dsl, rows);
        }

        void replace(UUID person, List<String> tags) {
            deleteAll.execute(dsl, Map.of(PERSON, person));
            insert(person, tags);
        }
    }

    /** The tags of each of {@code people}, in tag order; a person without tags is absent. */
    Map<UUID, List<String>> tagsOf(DSLContext dsl, List<UUID> people) {
        Map<UUID, List<String>> result = new HashMap<>();
        if (people.isEmpty()) {
            return result;
        }
        dsl.select(tagOwner, tag)
                .from(tagTable)
                .where(tagOwner.in(people))
                .orderBy(tagOwner, tag)
                .fetch()
                .forEach(r -> result.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(r.value2()));
        return result;
    }

    /** The person's row once per tag (once with none), so one statement reads both. */
    private SelectOnConditionStep<Record> withTags(DSLContext dsl) {
        return withTags(dsl, List.of());
    }

    /** {@link #withTags(DSLContext)} selecting {@code more} columns of tables joined after. */
    private SelectOnConditionStep<Record> withTags(DSLContext dsl, List<Field<?>> more) {
        return dsl.select(table.fields())
                .select(tag)
                .select(more)
                .from(table)
                .leftJoin(tagTable)
                .on(tagOwner.eq(id));
    }

    /** A person read with their cadence ({@link Reads#findWithCadence}). */
    record WithCadence<T>(T person, CadenceStore.Stored cadence) {}

    /** The reads of one person by id, rendered once for {@code dsl}'s database ({@link RenderedQuery}). */
    Reads reads(DSLContext dsl) {
        return new Reads(dsl);
    }

    /**
     * The person with an id, as the caller's scope may see them, and their tags: the reads behind
     * every {@code GetLead} and {@code GetContact} and every write that reads its person first, each
     * rendered once per kind of scope.
     */
    final class Reads {
        private static final String ID = "id";
        private final DSLContext dsl;
        private final Map<Class<? extends Scope>, RenderedQuery> byId = new HashMap<>();
        private final Map<Class<? extends Scope>, RenderedQuery> withCadence = new HashMap<>();

        private Reads(DSLContext dsl) {
            this.dsl = dsl;
            // the open step's owner is its person's owner now: a converted lead's steps carry the
            // contact's id, and the contact's owner works them (JooqFollowUpStore)
            Table<?> otherPerson = kind == PersonKind.LEAD ? CONTACT : LEAD;
            Field<UUID> otherId = kind == PersonKind.LEAD ? CONTACT.ID : LEAD.ID;
            Field<UUID> stepOther = kind == PersonKind.LEAD ? FOLLOW_UP.CONTACT_ID : FOLLOW_UP.LEAD_ID;
            for (Scope scope : List.of(Scope.EVERYONE, new Scope.Own(""), new Scope.Team("", ""))) {
                Condition thisPerson =
                        id.eq(DSL.param(ID, UUID.class)).and(OwnerScope.visibleToParameters(owner, scope));
                // the person's row once per tag (once with none), so one statement reads both
                byId.put(
                        scope.getClass(),
                        new RenderedQuery(dsl, withTags(dsl).where(thisPerson).orderBy(tag)));
                withCadence.put(
                        scope.getClass(),
                        new RenderedQuery(
                                dsl,
                                JooqCadenceStore.joinCadenceAndOpenStep(
                                                withTags(dsl, JooqCadenceStore.CADENCE_AND_OPEN_STEP), kind, id)
                                        .leftJoin(otherPerson)
                                        .on(otherId.eq(stepOther))
                                        .where(thisPerson)
                                        .orderBy(tag)));
            }
        }

        /**
         * {@link #find} with the person's cadence and open follow-up step, in one statement: the
         * person's row once per tag and open step (one, unless a race left two).
         */
        <T> Optional<WithCadence<T>> findWithCadence(
                UUID personId, Scope scope, BiFunction<Columns, List<String>, T> mapping) {
            Map<String, Object> binds = OwnerScope.parameters(scope);
            binds.put(ID, personId);
            List<Columns> rows = withCadence.get(scope.getClass()).fetch(dsl, binds, row -> row);
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            // a tag repeats on each open step's row
            Set<String> tags = new LinkedHashSet<>();
            for (Columns row : rows) {
                String named = row.get(tag);
                if (named != null) {
                    tags.add(named);
                }
            }
            return Optional.of(
                    new WithCadence<>(mapping.apply(rows.get(0), List.copyOf(tags)), JooqCadenceStore.storedOf(rows)));
        }

        /** The person {@code scope} may see with {@code personId}, mapped from their row and tags. */
        <T> Optional<T> find(UUID personId, Scope scope, BiFunction<Columns, List<String>, T> mapping) {
            Map<String, Object> binds = OwnerScope.parameters(scope);
            binds.put(ID, personId);
            List<Columns> rows = byId.get(scope.getClass()).fetch(dsl, binds, row -> row);
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            List<String> tags = new ArrayList<>(rows.size());
            for (Columns row : rows) {
                String named = row.get(tag);
                if (named != null) {
                    tags.add(named);
                }
            }
            return Optional.of(mapping.apply(rows.get(0), List.copyOf(tags)));
        }
    }

    /** The single-key duplicate lookups, rendered once for {@code dsl}'s database ({@link RenderedQuery}). */
    KeyMatches keyMatches(DSLContext dsl) {
        return new KeyMatches(dsl);
    }

    /**
     * The people holding an email key, a phone or a name key, at most one of each given, with their
     * tags: the duplicate check of every single create and update. One statement, a UNION ALL of an
     * indexed lookup per key given (an OR of them HSQLDB answers with a scan), each joined to the
     * tags; rendered once per combination of keys given, where jOOQ's rendering of it was a fifth
     * of a create's CPU. On PostgreSQL it is a server-prepared statement like every other read of
     * one person: each lookup is an equality on an indexed key, whose generic plan walks the index
     * once the table holds more than a few pages (and PostgreSQL plans it afresh whenever
     * autovacuum or an import analyzes the table). Planned with its keys at every run instead, as
     * a batch's lookups are, the planning of the lead and the contact lookups cost PostgreSQL 1.5
     * ms of CPU per create (pg_stat_statements), more than the rest of the create's statements.
     */
    final class KeyMatches {
        private static final List<String> KEYS = List.of("email_key", "phone", "name_key");
        private final DSLContext dsl;
        /** By the keys given: bit 0 the email key, bit 1 the phone, bit 2 the name key. */
        private final RenderedQuery[] byKeys = new RenderedQuery[1 << KEYS.size()];

        private KeyMatches(DSLContext dsl) {
            this.dsl = dsl;
            List<Field<String>> columns = List.of(emailKey, phone, nameKey);
            for (int given = 1; given < byKeys.length; given++) {
                SelectOrderByStep<Record> union = null;
                for (int k = 0; k < columns.size(); k++) {
                    if ((given & (1 << k)) == 0) {
                        continue;
                    }
                    var lookup = withTags(dsl).where(columns.get(k).eq(DSL.param(KEYS.get(k), String.class)));
                    union = union == null ? lookup : union.unionAll(lookup);
                }
                // by person, then tag: a person's tags in the order every other read gives them
                byKeys[given] = new RenderedQuery(
                        dsl, union.orderBy(DSL.field(DSL.name(id.getName())), DSL.field(DSL.name(tag.getName()))));
            }
        }

        /**
         * The people holding any of the keys given (null: not looked up), each once, mapped from their
         * row and their tags; none when no key is given.
         */
        <T> List<T> find(
                String emailKeyValue,
                String phoneValue,
                String nameKeyValue,
                BiFunction<Columns, List<String>, T> mapping) {
            List<String> values = Arrays.asList(emailKeyValue, phoneValue, nameKeyValue);
            int given = 0;
            Map<String, Object> binds = new HashMap<>();
            for (int k = 0; k < values.size(); k++) {
                if (values.get(k) != null) {
                    given |= 1 << k;
                    binds.put(KEYS.get(k), values.get(k));
                }
            }
            if (given == 0) {
                return List.of();
            }
            Map<UUID, Columns> people = new LinkedHashMap<>();
            // a person holding two of the keys comes once from each lookup
            Map<UUID, Set<String>> tags = new HashMap<>();
            for (Columns row : byKeys[given].fetch(dsl, binds, row -> row)) {
                UUID person = row.get(id);
                people.putIfAbsent(person, row);
                Set<String> named = tags.computeIfAbsent(person, p -> new LinkedHashSet<>());
                String t = row.get(tag);
                if (t != null) {
                    named.add(t);
                }
            }
            List<T> found = new ArrayList<>(people.size());
            people.forEach((person, row) -> found.add(mapping.apply(row, List.copyOf(tags.get(person)))));
            return found;
        }
    }

    Table<R> table() {
        return table;
    }
}
