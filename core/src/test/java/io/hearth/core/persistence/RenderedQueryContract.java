package io.hearth.core.persistence;

import static io.hearth.core.persistence.generated.Tables.LEAD;
import static io.hearth.core.persistence.generated.Tables.LEAD_PROFILE;
import static io.hearth.core.persistence.generated.Tables.LEAD_TAG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.lead.Lead;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.persistence.generated.tables.records.LeadProfileRecord;
import io.hearth.core.persistence.generated.tables.records.LeadRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link RenderedQuery} reads what jOOQ reads, binds its parameters by name, and fails as jOOQ
 * does, on each database. Run by a subclass per database.
 */
abstract class RenderedQueryContract {
    private TestDatabase testDatabase;
    private DSLContext dsl;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        dsl = testDatabase.database().dsl();
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void everyColumnOfALeadReadsAsJooqReadsIt() {
        LeadRecord full = BulkSqlContract.lead(1, "O'Brien, \"Bob\" Zoë 北京");
        LeadRecord sparse = BulkSqlContract.lead(2, "sparse");
        sparse.setGivenName(null);
        sparse.setArchivedAt(null);
        sparse.setNotes(null);
        dsl.batchInsert(full, sparse).execute();
        RenderedQuery byId = new RenderedQuery(
                dsl, dsl.select(LEAD.fields()).from(LEAD).where(LEAD.ID.eq(DSL.param("id", UUID.class))));

        for (LeadRecord lead : List.of(full, sparse)) {
            LeadRecord stored = dsl.fetchSingle(LEAD, LEAD.ID.eq(lead.getId()));
            List<Map<String, Object>> read = byId.fetch(dsl, Map.of("id", lead.getId()), row -> {
                Map<String, Object> values = new HashMap<>();
                for (Field<?> column : LEAD.fields()) {
                    values.put(column.getName(), row.get(column));
                }
                return values;
            });

            assertThat(read).hasSize(1);
            Map<String, Object> expected = new HashMap<>();
            for (Field<?> column : LEAD.fields()) {
                expected.put(column.getName(), stored.get(column));
            }
            assertThat(read.get(0)).isEqualTo(expected);
        }
        assertThat(byId.fetch(dsl, Map.of("id", UUID.randomUUID()), row -> row)).isEmpty();
    }

    @Test
    void aWholeRowIsWrittenAsJooqWouldWriteItNullsIncluded() {
        LeadRecord lead = BulkSqlContract.lead(1, "profiled");
        LeadRecord other = BulkSqlContract.lead(2, "bare");
        dsl.batchInsert(lead, other).execute();
        LeadProfileRecord full = BulkSqlContract.profile(lead.getId());
        LeadProfileRecord bare = BulkSqlContract.profile(other.getId());
        bare.setNeedBy(null);
        bare.setValueAmount(null);
        bare.setValueCurrency(null);
        bare.setOverrideTemperature(null);
        bare.setOverrideAt(null);
        bare.setQualificationNote(null);
        assertThatThrownBy(() -> RenderedQuery.valuesOf(full))
                .as("a column left unset would be written as null, not as its default")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column FIRST_TOUCH_AT was not set");
        OffsetDateTime touched = OffsetDateTime.of(2026, 11, 23, 9, 30, 15, 123_456_000, ZoneOffset.UTC);
        full.setFirstTouchAt(touched);
        full.setLastTouchAt(touched.plusDays(1));
        full.setLastConversationAt(touched.plusDays(1));
        full.setLastPositiveAt(null);
        full.setNextMeetingAt(touched.plusDays(7));
        bare.setFirstTouchAt(null);
        bare.setLastTouchAt(null);
        bare.setLastConversationAt(null);
        bare.setLastPositiveAt(null);
        bare.setNextMeetingAt(null);
        Map<Field<?>, Field<?>> row = RenderedQuery.columnParameters(LEAD_PROFILE.fields());
        RenderedQuery insert =
                new RenderedQuery(dsl, dsl.insertInto(LEAD_PROFILE).set(row).onConflictDoNothing());
        RenderedQuery update = new RenderedQuery(
                dsl,
                dsl.update(LEAD_PROFILE)
                        .set(row)
                        .where(LEAD_PROFILE.LEAD_ID.eq(DSL.param("key", UUID.class)))
                        .and(LEAD_PROFILE.VERSION.eq(DSL.param("expected", Long.class))));

        assertThat(insert.execute(dsl, RenderedQuery.valuesOf(full))).isEqualTo(1);
        assertThat(insert.execute(dsl, RenderedQuery.valuesOf(bare))).isEqualTo(1);
        assertThat(insert.execute(dsl, RenderedQuery.valuesOf(bare)))
                .as("a conflict does nothing")
                .isZero();
        assertThat(dsl.fetchSingle(LEAD_PROFILE, LEAD_PROFILE.LEAD_ID.eq(lead.getId()))
                        .intoMap())
                .isEqualTo(full.intoMap());
        assertThat(dsl.fetchSingle(LEAD_PROFILE, LEAD_PROFILE.LEAD_ID.eq(other.getId()))
                        .intoMap())
                .isEqualTo(bare.intoMap());

        LeadProfileRecord changed = full.copy();
        changed.setLeadId(lead.getId());
        changed.setBudget("NO");
        changed.setNeedBy(null);
        changed.setVersion(full.getVersion() + 1);
        Map<String, Object> values = RenderedQuery.valuesOf(changed);
        values.put("key", lead.getId());
        values.put("expected", full.getVersion() - 1);
        assertThat(update.execute(dsl, values))
                .as("another version: nothing written")
                .isZero();
        values.put("expected", full.getVersion());
        assertThat(update.execute(dsl, values)).isEqualTo(1);
        assertThat(dsl.fetchSingle(LEAD_PROFILE, LEAD_PROFILE.LEAD_ID.eq(lead.getId()))
                        .intoMap())
                .isEqualTo(changed.intoMap());
    }

    @Test
    void parametersAreBoundByNameWhereverTheSqlPutsThem() {
        LeadRecord first = BulkSqlContract.lead(1, "first");
        LeadRecord second = BulkSqlContract.lead(2, "second");
        dsl.batchInsert(first, second).execute();
        // the owner comes first in the SQL, the id second; the values are given the other way round
        RenderedQuery query = new RenderedQuery(
                dsl,
                dsl.select(LEAD.ID)
                        .from(LEAD)
                        .where(LEAD.OWNER.eq(DSL.param("owner", String.class)))
                        .and(LEAD.ID.ne(DSL.param("not", UUID.class)))
                        .orderBy(LEAD.ID));
        Map<String, Object> binds = new HashMap<>();
        binds.put("not", second.getId());
        binds.put("owner", first.getOwner());

        assertThat(query.fetch(dsl, binds, row -> row.get(LEAD.ID))).containsExactly(first.getId());
        binds.put("not", first.getId());
        assertThat(query.fetch(dsl, binds, row -> row.get(LEAD.ID))).isEmpty();
    }

    @Test
    void aReadPlannedWithItsValuesReadsWhatAnyReadsAndIsNeverPreparedOnPostgresql() {
        List<LeadRecord> leads = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            LeadRecord lead = BulkSqlContract.lead(i, "lead " + i);
            lead.setOwner("rep");
            leads.add(lead);
        }
        leads.get(3).setOwner("other");
        dsl.batchInsert(leads).execute();
        var query = dsl.select(LEAD.ID)
                .from(LEAD)
                .where(LEAD.CREATED_AT.ge(DSL.param("from", OffsetDateTime.class)))
                .and(LEAD.VERSION.between(DSL.param("low", Long.class), DSL.param("high", Long.class)))
                .and(LEAD.OWNER.eq(DSL.param("owner", String.class)));
        RenderedQuery plain = new RenderedQuery(dsl, query.orderBy(LEAD.ID).limit(DSL.param("n", 1)));
        // another text, so that each is told apart among the connection's prepared statements
        RenderedQuery planned = RenderedQuery.plannedWithValues(
                dsl, query.and(LEAD.NOTES.isNotNull()).orderBy(LEAD.ID).limit(DSL.param("n", 1)));

        // the second lead's very microsecond, given in another offset
        OffsetDateTime from = leads.get(1).getCreatedAt().withOffsetSameInstant(ZoneOffset.ofHours(-5));
        Map<String, Object> binds = new HashMap<>(Map.of("from", from, "low", 2L, "high", 5L, "owner", "rep", "n", 5));
        List<UUID> expected = List.of(leads.get(1).getId(), leads.get(2).getId());
        assertThat(plain.fetch(dsl, binds, row -> row.get(LEAD.ID))).isEqualTo(expected);
        assertThat(planned.fetch(dsl, binds, row -> row.get(LEAD.ID))).isEqualTo(expected);
        binds.putAll(Map.of("from", from.plusNanos(1_000), "n", 1));
        assertThat(planned.fetch(dsl, binds, row -> row.get(LEAD.ID)))
                .containsExactly(leads.get(2).getId());

        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            // on one connection, past pgJDBC's prepare threshold (5): the plain read is prepared on
            // the server (and gets a generic plan), the other is planned with its values every time
            Map<String, Integer> prepared = new HashMap<>();
            for (String text : ServerPrepared.after(dsl, tx -> {
                plain.fetch(tx, binds, row -> row);
                planned.fetch(tx, binds, row -> row);
            })) {
                if (text.contains("LEAD.VERSION between")) {
                    prepared.merge(text.contains("is not null") ? "planned" : "plain", 1, Integer::sum);
                }
            }
            assertThat(prepared).isEqualTo(Map.of("plain", 1));
        }
    }

    @Test
    void aMissingParameterValueOrAnUnselectedColumnIsRefused() {
        RenderedQuery query =
                new RenderedQuery(dsl, dsl.select(LEAD.ID).from(LEAD).where(LEAD.ID.eq(DSL.param("id", UUID.class))));
        dsl.executeInsert(BulkSqlContract.lead(1, "one"));

        assertThatThrownBy(() -> query.fetch(dsl, Map.of("other", UUID.randomUUID()), row -> row))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no value for parameter id");
        UUID id = BulkSqlContract.lead(1, "one").getId();
        assertThatThrownBy(() -> query.fetch(dsl, Map.of("id", id), row -> row.get(LEAD.OWNER)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column OWNER is not selected");
    }

    @Test
    void aBindValueThatIsNotANamedParameterOrAColumnNotReadHereIsRefusedWhenRendered() {
        assertThatThrownBy(() ->
                        new RenderedQuery(dsl, dsl.select(LEAD.ID).from(LEAD).where(LEAD.OWNER.eq("rep-1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("every bind value must be a named parameter");
        assertThatThrownBy(() -> new RenderedQuery(
                        dsl,
                        dsl.select(DSL.field(DSL.name("bytes"), byte[].class)).from(LEAD)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column bytes has type [B, not read here");
    }

    @Test
    void aFailedStatementFailsAsJooqsWouldAndIsCounted() {
        dsl.execute("CREATE TABLE rendered_probe (id INT PRIMARY KEY)");
        Field<Integer> id = DSL.field(DSL.name("id"), Integer.class);
        RenderedQuery query = new RenderedQuery(
                dsl,
                dsl.select(id)
                        .from(DSL.table(DSL.name("rendered_probe")))
                        .where(id.eq(DSL.param("id", Integer.class))));
        List<String> seen = new ArrayList<>();
        dsl.configuration().data(RenderedQuery.OBSERVER, (Consumer<String>) seen::add);
        dsl.execute("INSERT INTO rendered_probe VALUES (7)");
        RenderedQuery insert = new RenderedQuery(
                dsl, dsl.insertInto(DSL.table(DSL.name("rendered_probe"))).set(id, DSL.param("id", Integer.class)));
        assertThatThrownBy(() -> insert.execute(dsl, Map.of("id", 7)))
                .as("a constraint violation, as jOOQ raises it")
                .isInstanceOf(IntegrityConstraintViolationException.class);
        seen.clear();

        assertThat(query.fetch(dsl, Map.of("id", 7), row -> row.get(id))).containsExactly(7);
        dsl.execute("DROP TABLE rendered_probe");

        assertThatThrownBy(() -> query.fetch(dsl, Map.of("id", 7), row -> row))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining(query.sql())
                .satisfies(failure ->
                        assertThat(((DataAccessException) failure).sqlState()).isNotEqualTo("00000"));
        assertThat(seen).containsExactly(query.sql(), query.sql());
    }

    @Test
    void aBatchIsOneStatementForAnyNumberOfRowsAndFailsAsJooqsWould() {
        LeadRecord lead = BulkSqlContract.lead(1, "tagged");
        dsl.executeInsert(lead);
        RenderedQuery insert = new RenderedQuery(
                dsl,
                dsl.insertInto(LEAD_TAG)
                        .set(LEAD_TAG.LEAD_ID, DSL.param("lead", UUID.class))
                        .set(LEAD_TAG.TAG, DSL.param("tag", String.class)));
        List<String> seen = new ArrayList<>();
        dsl.configuration().data(RenderedQuery.OBSERVER, (Consumer<String>) seen::add);

        insert.executeBatch(dsl, List.of());
        assertThat(seen).as("no rows: nothing sent").isEmpty();
        insert.executeBatch(
                dsl,
                List.of(
                        Map.of("lead", lead.getId(), "tag", "b"),
                        Map.of("lead", lead.getId(), "tag", "a"),
                        Map.of("lead", lead.getId(), "tag", "c")));
        assertThat(seen).containsExactly(insert.sql());
        assertThat(dsl.select(LEAD_TAG.TAG)
                        .from(LEAD_TAG)
                        .where(LEAD_TAG.LEAD_ID.eq(lead.getId()))
                        .orderBy(LEAD_TAG.TAG)
                        .fetch(LEAD_TAG.TAG))
                .containsExactly("a", "b", "c");
        assertThatThrownBy(() -> insert.executeBatch(dsl, List.of(Map.of("lead", lead.getId()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no value for parameter tag");
        assertThatThrownBy(() -> insert.executeBatch(
                        dsl,
                        List.of(Map.of("lead", lead.getId(), "tag", "d"), Map.of("lead", lead.getId(), "tag", "a"))))
                .as("a row already there: a constraint violation, as jOOQ raises it")
                .isInstanceOf(IntegrityConstraintViolationException.class)
                .hasMessageContaining(insert.sql());
    }

    @Test
    void onePersonsKeyLookupFindsWhatABatchsLookupFinds() {
        LeadRecord first = BulkSqlContract.lead(1, "first");
        LeadRecord sameName = BulkSqlContract.lead(2, "second");
        sameName.setNameKey(first.getNameKey());
        LeadRecord third = BulkSqlContract.lead(3, "third");
        dsl.batchInsert(first, sameName, third).execute();
        dsl.insertInto(LEAD_TAG, LEAD_TAG.LEAD_ID, LEAD_TAG.TAG)
                .values(first.getId(), "zeta")
                .values(first.getId(), "alpha")
                .values(sameName.getId(), "mid")
                .execute();
        JooqPersonMatchStore matches = new JooqPersonMatchStore(dsl);
        List<String> emails = List.of(first.getEmailKey());
        List<String> phones = List.of(third.getPhone());
        List<String> names = List.of(first.getNameKey());
        String nobody = "nobody-" + UUID.randomUUID();

        // every combination of keys given, one value each (rendered once) against the same with a
        // second value that matches nobody (the batch's lookup)
        for (int given = 0; given < 8; given++) {
            List<String> e = (given & 1) == 0 ? List.of() : emails;
            List<String> p = (given & 2) == 0 ? List.of() : phones;
            List<String> n = (given & 4) == 0 ? List.of() : names;
            Map<UUID, Lead> one = byId(matches.leadsMatching(e, p, n));
            Map<UUID, Lead> batch = byId(matches.leadsMatching(plus(e, nobody), plus(p, nobody), plus(n, nobody)));

            assertThat(one).as("keys given: %s", given).isEqualTo(batch);
            assertThat(matches.leadsMatching(e, p, n))
                    .as("each lead once, even when two keys find it")
                    .hasSize(one.size());
        }
        Map<UUID, Lead> all = byId(matches.leadsMatching(emails, phones, names));
        assertThat(all).containsOnlyKeys(first.getId(), sameName.getId(), third.getId());
        assertThat(all.get(first.getId()).fields().tags()).containsExactly("alpha", "zeta");
        assertThat(all.get(sameName.getId()).fields().tags()).containsExactly("mid");
        assertThat(all.get(third.getId()).fields().tags()).isEmpty();

        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            // past pgJDBC's prepare threshold on one connection, one person's lookup is prepared on
            // the server, so a create does not pay for planning it afresh (with the contacts' lookup
            // 1.5 ms of PostgreSQL's CPU per create, more than the create's other statements)
            List<String> prepared =
                    ServerPrepared.after(dsl, tx -> new JooqPersonMatchStore(tx).leadsMatching(emails, phones, names));
            assertThat(prepared).anyMatch(sql -> sql.contains("LEAD.EMAIL_KEY = $1"));
        }
    }

    private static Map<UUID, Lead> byId(List<Lead> leads) {
        Map<UUID, Lead> found = new HashMap<>();
        leads.forEach(lead -> found.put(lead.id().value(), lead));
        return found;
    }

    private static List<String> plus(List<String> values, String another) {
        if (values.isEmpty()) {
            return values;
        }
        List<String> more = new ArrayList<>(values);
        more.add(another);
        return more;
    }
}
