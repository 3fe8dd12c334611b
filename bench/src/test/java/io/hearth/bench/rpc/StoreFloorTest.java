package io.hearth.bench.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.LeadStatus;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * The store floor writes Hearth's tables with SQL of its own: a migration that renames or adds a
 * required column must show here, not in the next benchmark run weeks later. Each write is checked
 * in the rows it leaves.
 */
class StoreFloorTest {
    @Test
    void writesAndReadsTheRowsOfEachCallOnHsqldb() throws Exception {
        try (TestDatabase database = TestDatabases.openHsqldb()) {
            writesAndReadsTheRowsOfEachCall(database);
        }
    }

    @Test
    void writesAndReadsTheRowsOfEachCallOnPostgresql() throws Exception {
        try (TestDatabase database = TestDatabases.postgres()) {
            writesAndReadsTheRowsOfEachCall(database);
        }
    }

    private static void writesAndReadsTheRowsOfEachCall(TestDatabase test) throws Exception {
        DSLContext dsl = test.database().dsl();
        StoreFloor.Rows rows = new StoreFloor.Rows(
                dsl.configuration().connectionProvider(),
                test.database().config().kind() == DatabaseConfig.Kind.POSTGRESQL);
        Lead form = Lead.newBuilder()
                .setGivenName("Bench")
                .setFamilyName("Person 1")
                .setCompany("Company 1")
                .setEmail("p1@bench.example.com")
                .setOwner("rep-1")
                .setSource(LeadSource.LEAD_SOURCE_WEB_FORM)
                .build();

        Lead created = rows.create(form);
        UUID id = UUID.fromString(created.getName().substring("leads/".length()));
        assertThat(rows.get(id).getDisplayName()).isEqualTo("Bench Person 1");
        assertThat(rows.get(id).getStatus()).isEqualTo(LeadStatus.LEAD_STATUS_NEW);
        assertThat(count(
                        dsl,
                        "select count(*) from lead_profile where lead_id = ? and response_deadline is not null",
                        id))
                .as("a web-form lead is due an answer within five minutes")
                .isEqualTo(1);
        assertThatThrownBy(() -> rows.create(form))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS));

        rows.updateNotes(id, "called back");
        rows.coldCall(id, "rep-1");
        rows.coldCall(id, "rep-1");

        Lead read = rows.get(id);
        assertThat(read.getStatus()).isEqualTo(LeadStatus.LEAD_STATUS_CONTACTED);
        assertThat(read.getEtag()).isEqualTo("\"3\""); // created, the notes, the first touch
        assertThat(count(dsl, "select count(*) from touch where lead_id = ?", id))
                .isEqualTo(2);
        assertThat(count(dsl, "select count(*) from audit_entry where resource = ?", "leads/" + id))
                .isEqualTo(2);
        assertThat(count(dsl, "select version from lead_profile where lead_id = ?", id))
                .as("re-rated by the update and each touch")
                .isEqualTo(4);
        assertThat(count(dsl, "select count(*) from queue_entry where person_id = ? and reasons = 'touched'", id))
                .isEqualTo(1);
        assertThat(count(dsl, "select count(*) from lead where notes = 'called back'"))
                .isEqualTo(1);
        assertThatThrownBy(() -> rows.get(UUID.randomUUID()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    private static long count(DSLContext dsl, String sql, Object... values) {
        return ((Number) dsl.fetchValue(sql, values)).longValue();
    }
}
