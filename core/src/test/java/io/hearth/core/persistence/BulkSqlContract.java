package io.hearth.core.persistence;

import static io.hearth.core.persistence.generated.Tables.LEAD;
import static io.hearth.core.persistence.generated.Tables.LEAD_PROFILE;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.persistence.generated.tables.records.LeadProfileRecord;
import io.hearth.core.persistence.generated.tables.records.LeadRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows written by {@link BulkSql#insert} read back exactly as given, on each database (PostgreSQL
 * takes them through COPY, whose text form must keep every value: quotes, separators, line breaks,
 * empty text apart from NULL, microseconds, decimals, dates, booleans). Run by a subclass per database.
 */
abstract class BulkSqlContract {
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 23, 9, 30, 15, 123_456_000, ZoneOffset.UTC);
    private static final List<String> AWKWARD = List.of(
            "",
            " ",
            "plain",
            "O'Brien, \"Bob\"",
            "line one\nline two\r\nthree",
            "back\\slash \\N NULL null",
            "tab\there; semi",
            "Zoë Åström 北京 🙂",
            "\"",
            ",",
            "\"\"");
    private TestDatabase testDatabase;
    protected Database database;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        database = testDatabase.database();
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void leadsWithAwkwardTextReadBackAsWritten() {
        List<LeadRecord> leads = new ArrayList<>();
        for (int i = 0; i < AWKWARD.size(); i++) {
            leads.add(lead(i, AWKWARD.get(i)));
        }
        LeadRecord sparse = lead(AWKWARD.size(), "sparse");
        sparse.setGivenName(null);
        sparse.setNotes(null);
        sparse.setArchivedAt(null);
        leads.add(sparse);

        database.dsl().transaction(tx -> BulkSql.insert(tx.dsl(), LEAD, leads));

        List<LeadRecord> stored =
                database.dsl().selectFrom(LEAD).orderBy(LEAD.ID).fetch();
        assertThat(stored).hasSize(leads.size());
        for (int i = 0; i < leads.size(); i++) {
            assertThat(stored.get(i).intoMap())
                    .as("lead %d", i)
                    .isEqualTo(leads.get(i).intoMap());
        }
        assertThat(database.dsl().fetchCount(LEAD, LEAD.NOTES.isNull())).isEqualTo(1);
        // (not counted with NOTES = '': HSQLDB compares with trailing spaces ignored, so ' ' matches)
        assertThat(stored).filteredOn(r -> "".equals(r.getNotes())).hasSize(1);
    }

    @Test
    void profilesKeepDatesDecimalsBooleansAndDoubles() {
        LeadRecord lead = lead(0, "profiled");
        LeadProfileRecord full = profile(lead.getId());
        LeadRecord other = lead(1, "bare");
        LeadProfileRecord bare = profile(other.getId());
        bare.setNeedBy(null);
        bare.setValueAmount(null);
        bare.setValueCurrency(null);
        bare.setOverrideAt(null);
        bare.setSizzling(false);
        bare.setProbability(1.0E-4);

        database.dsl().transaction(tx -> {
            BulkSql.insert(tx.dsl(), LEAD, List.of(lead, other));
            BulkSql.insert(tx.dsl(), LEAD_PROFILE, List.of(full, bare));
        });

        LeadProfileRecord storedFull = database.dsl().fetchSingle(LEAD_PROFILE, LEAD_PROFILE.LEAD_ID.eq(lead.getId()));
        LeadProfileRecord storedBare = database.dsl().fetchSingle(LEAD_PROFILE, LEAD_PROFILE.LEAD_ID.eq(other.getId()));
        assertThat(storedFull.intoMap()).isEqualTo(full.intoMap());
        assertThat(storedBare.intoMap()).isEqualTo(bare.intoMap());
    }

    @Test
    void aFailedInsertWritesNothingAndReportsTheConstraint() {
        LeadRecord first = lead(0, "first");
        LeadRecord clash = lead(1, "clash");
        clash.setId(first.getId());

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                        database.dsl().transaction(tx -> BulkSql.insert(tx.dsl(), LEAD, List.of(first, clash)))))
                .isInstanceOf(org.jooq.exception.DataAccessException.class);
        assertThat(database.dsl().fetchCount(LEAD)).isZero();
    }

    @Test
    void nothingToInsertIsNoStatement() {
        database.dsl().transaction(tx -> BulkSql.insert(tx.dsl(), LEAD, List.of()));

        assertThat(database.dsl().fetchCount(LEAD)).isZero();
    }

    static LeadRecord lead(int i, String text) {
        LeadRecord r = new LeadRecord();
        r.setId(new UUID(0x0190_0000_0000_7000L + i, 0x8000_0000_0000_0000L + i));
        r.setDisplayName(text.isEmpty() ? "(empty)" : text);
        r.setGivenName(text);
        r.setFamilyName("Family " + i);
        r.setCompany(text);
        r.setTitle(null);
        r.setEmail("person" + i + "@example.com");
        r.setPhone("+1415555" + String.format("%04d", i));
        r.setSource("WEB_FORM");
        r.setOwner("rep-" + i);
        r.setStatus("NEW");
        r.setTemperature("COOL");
        r.setNotes(text);
        r.setCreateRequestId(null);
        r.setCreatedAt(AT.plusNanos(i * 1_000L));
        r.setUpdatedAt(AT.plusSeconds(i));
        r.setArchivedAt(AT.minusDays(i));
        r.setVersion(1L + i);
        r.setEmailKey("person" + i + "@example.com");
        r.setNameKey(text.toLowerCase() + "|" + i);
        return r;
    }

    static LeadProfileRecord profile(UUID leadId) {
        LeadProfileRecord r = new LeadProfileRecord();
        r.setLeadId(leadId);
        r.setNeedBy(LocalDate.of(2026, 12, 24));
        r.setValueAmount(new BigDecimal("1234567.8900"));
        r.setValueCurrency("EUR");
        r.setReferral("CHAMPION");
        r.setBudget("YES");
        r.setAuthority("NO");
        r.setNeed("UNKNOWN");
        r.setTimescale("YES");
        r.setQualificationNote("asked for \"the price\", twice");
        r.setLeadLevel((short) 4);
        r.setOverrideTemperature("HOT");
        r.setOverrideReason("met at the fair");
        r.setOverrideBy("rep-1");
        r.setOverrideAt(AT);
        r.setResponseDeadline(AT.plusMinutes(5));
        r.setModelTemperature("WARM");
        r.setSizzling(true);
        r.setProbability(0.734_218_5);
        r.setReasons("need within 4 weeks\nreferred by a champion");
        r.setRatedAt(AT);
        r.setRatingValidUntil(AT.plusDays(3));
        r.setVersion(3L);
        r.setQualificationVersion(2L);
        return r;
    }
}
