package io.hearth.connector.pipedrive;

import static io.hearth.connector.pipedrive.Harness.lastCursor;
import static io.hearth.connector.pipedrive.Harness.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.connector.crm.http.fake.FakeReply;
import io.hearth.connector.crm.http.fake.RecordedRequest;
import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.SourceRecord;
import io.hearth.connector.spi.SourceRecord.Change;
import io.hearth.connector.spi.StandardFields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PipedriveReaderTest {
    private final FakePipedrive pipedrive = new FakePipedrive();
    private final Harness harness = new Harness(pipedrive);

    @AfterEach
    void stop() {
        pipedrive.close();
    }

    @Test
    void readsPersonsAcrossSeveralPagesWithTheV2CursorOldestChangeFirst() {
        for (int i = 1; i <= 7; i++) {
            pipedrive.person("Given" + i, "Family" + i, "p" + i + "@example.com");
            pipedrive.tick(1);
        }

        List<Batch> batches = harness.readAll(pipedrive.config("page_size", "3"), null, 100);

        assertThat(records(batches))
                .extracting(r -> r.fields().get(StandardFields.EMAIL))
                .containsExactly(
                        "p1@example.com",
                        "p2@example.com",
                        "p3@example.com",
                        "p4@example.com",
                        "p5@example.com",
                        "p6@example.com",
                        "p7@example.com");
        List<RecordedRequest> pages = pipedrive.requests("GET", "/api/v2/persons");
        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).queryParameter("cursor")).isEmpty();
        assertThat(pages.get(0).queryParameter("sort_by")).contains("update_time");
        assertThat(pages.get(0).queryParameter("sort_direction")).contains("asc");
        assertThat(pages.get(0).queryParameter("limit")).contains("3");
        assertThat(pages.get(1).queryParameter("cursor")).isPresent();
        assertThat(pages.get(2).queryParameter("cursor"))
                .isPresent()
                .isNotEqualTo(pages.get(1).queryParameter("cursor"));
        // a batch never holds more than one page, so its cursor is stored before the next page is asked for
        assertThat(batches.get(0).records()).hasSize(3);
        assertThat(pipedrive.server.unmatched()).isEmpty();
    }

    @Test
    void mapsAPersonToHearthsFieldsWithItsPrimaryEmailAndPhone() {
        long acme = pipedrive.organization("Acme Ltd");
        pipedrive.user(7, "owner@acme.example");
        ObjectNode ada = pipedrive.person("Ada", "Lovelace", "old@example.com");
        pipedrive.update(ada.path("id").asLong(), p -> {
            p.put("org_id", acme).put("owner_id", 7).put("job_title", "Analyst");
            p.putArray("emails")
                    .add(entry("old@example.com", false, "home"))
                    .add(entry("ada@acme.example", true, "work"));
            p.putArray("phones")
                    .add(entry("+44 20 7946 0000", false, "work"))
                    .add(entry("+44 7700 900123", true, "mobile"));
            return p;
        });

        SourceRecord record =
                records(harness.readAll(pipedrive.config(), null, 100)).get(0);

        assertThat(record.externalId()).isEqualTo(ada.path("id").asText());
        assertThat(record.modifiedAt()).isEqualTo(pipedrive.now());
        assertThat(record.change()).isEqualTo(Change.UPSERT);
        assertThat(record.fields())
                .containsExactly(
                        Map.entry(StandardFields.GIVEN_NAME, "Ada"),
                        Map.entry(StandardFields.FAMILY_NAME, "Lovelace"),
                        Map.entry(StandardFields.EMAIL, "ada@acme.example"),
                        Map.entry(StandardFields.PHONE, "+44 7700 900123"),
                        Map.entry(StandardFields.COMPANY, "Acme Ltd"),
                        Map.entry(StandardFields.TITLE, "Analyst"),
                        Map.entry(StandardFields.OWNER, "owner@acme.example"),
                        Map.entry(StandardFields.STAGE, StandardFields.STAGE_CONTACT));
    }

    @Test
    void aPersonWithAnOpenLeadIsALeadWithTheTemperatureOfItsHottestLabel() {
        long withLead = pipedrive
                .person("Grace", "Hopper", "grace@example.com")
                .path("id")
                .asLong();
        long without = pipedrive
                .person("Alan", "Turing", "alan@example.com")
                .path("id")
                .asLong();
        pipedrive.lead(withLead, "Cold");
        pipedrive.lead(withLead, "Warm");
        pipedrive.lead(null, "Hot");

        List<SourceRecord> records = records(harness.readAll(pipedrive.config(), null, 100));

        // the leads stream does not give Grace again: the persons stream already did, with these leads
        assertThat(records)
                .extracting(SourceRecord::externalId)
                .containsExactly(Long.toString(withLead), Long.toString(without));
        assertThat(records.get(0).fields())
                .containsEntry(StandardFields.STAGE, StandardFields.STAGE_LEAD)
                .containsEntry(StandardFields.TEMPERATURE, "warm");
        assertThat(records.get(1).fields())
                .containsEntry(StandardFields.STAGE, StandardFields.STAGE_CONTACT)
                .doesNotContainKey(StandardFields.TEMPERATURE);
    }

    @Test
    void aNewLeadOfAnUnchangedPersonMakesTheNextReadGiveThePersonAsALead() {
        long alan = pipedrive
                .person("Alan", "Turing", "alan@example.com")
                .path("id")
                .asLong();
        String cursor = lastCursor(harness.readAll(pipedrive.config(), null, 100));

        pipedrive.tick(10);
        String lead = pipedrive.lead(alan, "Hot");
        List<SourceRecord> records = records(harness.readAll(pipedrive.config(), cursor, 100));

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.externalId()).isEqualTo(Long.toString(alan));
            assertThat(r.position()).isEqualTo("person " + alan + " (lead " + lead + ")");
            assertThat(r.modifiedAt()).isEqualTo(pipedrive.now());
            assertThat(r.fields())
                    .containsEntry(StandardFields.STAGE, StandardFields.STAGE_LEAD)
                    .containsEntry(StandardFields.TEMPERATURE, "hot");
        });
        assertThat(pipedrive.requests("GET", "/api/v2/persons").get(2).queryParameter("ids"))
                .contains(Long.toString(alan));
    }

    @Test
    void aSecondReadFromTheStoredCursorSeesOnlyTheChange() {
        long ada = pipedrive
                .person("Ada", "Lovelace", "ada@example.com")
                .path("id")
                .asLong();
        pipedrive.person("Alan", "Turing", "alan@example.com");
        String lead = pipedrive.lead(ada, "Cold");
        String cursor = lastCursor(harness.readAll(pipedrive.config(), null, 100));

        // nothing changed: nothing comes back, not even the records of the cursor's last second, for one
        // request per stream
        int before = pipedrive.server.requests().size();
        assertThat(records(harness.readAll(pipedrive.config(), cursor, 100))).isEmpty();
        assertThat(pipedrive
                        .server
                        .requests()
                        .subList(before, pipedrive.server.requests().size()))
                .extracting(RecordedRequest::path)
                .containsExactly("/api/v2/persons", "/api/v1/leads", "/api/v1/recents");

        pipedrive.tick(60);
        pipedrive.update(ada, p -> p.put("job_title", "Countess"));
        List<Batch> second = harness.readAll(pipedrive.config(), cursor, 100);
        assertThat(records(second)).singleElement().satisfies(r -> {
            assertThat(r.externalId()).isEqualTo(Long.toString(ada));
            assertThat(r.fields()).containsEntry(StandardFields.TITLE, "Countess");
        });

        pipedrive.tick(60);
        pipedrive.relabel(lead, "Hot");
        List<SourceRecord> third = records(harness.readAll(pipedrive.config(), lastCursor(second), 100));
        assertThat(third).singleElement().satisfies(r -> {
            assertThat(r.externalId()).isEqualTo(Long.toString(ada));
            assertThat(r.fields()).containsEntry(StandardFields.TEMPERATURE, "hot");
        });
        assertThat(pipedrive.requests("GET", "/api/v2/persons").get(2).queryParameter("updated_since"))
                .contains("2026-11-02T09:00:00Z");
    }

    @Test
    void recordsChangedInTheSameSecondAreNeitherLostNorRepeatedAcrossBatchesAndResumes() {
        for (int i = 1; i <= 5; i++) {
            pipedrive.person("Same", "Second" + i, "s" + i + "@example.com");
        }
        Map<String, String> config = pipedrive.config("page_size", "2");
        String cursor = null;
        List<String> seen = new ArrayList<>();
        // one batch per reader, as a run that crashes after every batch would read
        for (int run = 0; run < 20; run++) {
            try (RecordReader reader = harness.connector.openReader(config, cursor)) {
                Batch batch = reader.read(1);
                batch.records().forEach(r -> seen.add(r.fields().get(StandardFields.EMAIL)));
                cursor = batch.cursor();
                if (batch.last()) {
                    break;
                }
            }
        }

        assertThat(seen)
                .containsExactly(
                        "s1@example.com", "s2@example.com", "s3@example.com", "s4@example.com", "s5@example.com");
    }

    @Test
    void aRateLimitWaitsAsItsHeadersSayThenSucceeds() {
        pipedrive.person("Ada", "Lovelace", "ada@example.com");
        pipedrive.inject(
                "GET",
                "/api/v2/persons",
                FakeReply.json(429, "{\"success\":false,\"error\":\"Request over " + "limit\",\"errorCode\":429}")
                        .withHeader("x-ratelimit-limit", "40")
                        .withHeader("x-ratelimit-remaining", "0")
                        .withHeader("x-ratelimit-reset", "2"));

        List<SourceRecord> records = records(harness.readAll(pipedrive.config(), null, 100));

        assertThat(records).hasSize(1);
        assertThat(harness.waits).containsExactly(Duration.ofSeconds(2));
        assertThat(pipedrive.requests("GET", "/api/v2/persons")).hasSize(2);
    }

    @Test
    void aServerErrorIsRetriedWithBackoffThenSucceeds() {
        pipedrive.person("Ada", "Lovelace", "ada@example.com");
        pipedrive.inject(
                "GET",
                "/api/v1/leads",
                FakeReply.json(500, "{\"success\":false,\"error\":\"Internal " + "server error\"}"),
                FakeReply.status(503));

        List<SourceRecord> records = records(harness.readAll(pipedrive.config(), null, 100));

        assertThat(records).hasSize(1);
        assertThat(harness.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aRefusedTokenEndsTheReadAtOnceNamingTheKeyToFix() {
        pipedrive.person("Ada", "Lovelace", "ada@example.com");
        Map<String, String> config = pipedrive.config("api_token", "0000000000wrong0000000000");

        assertThatThrownBy(() -> harness.readAll(config, null, 100))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("Pipedrive refused the API token (401: unauthorized access)")
                .hasMessageContaining("check api_token")
                .hasMessageNotContaining("0000000000wrong");
        // an API token cannot be refreshed: one attempt, no waiting
        assertThat(pipedrive.requests("GET", "/api/v2/persons")).hasSize(1);
        assertThat(harness.waits).isEmpty();
    }

    @Test
    void aPageCutShortFailsTheReadAndTheNextReadResumesFromTheLastStoredBatch() {
        for (int i = 1; i <= 4; i++) {
            pipedrive.person("Given" + i, "Family" + i, "p" + i + "@example.com");
            pipedrive.tick(1);
        }
        Map<String, String> config = pipedrive.config("page_size", "2");
        String stored;
        try (RecordReader reader = harness.connector.openReader(config, null)) {
            Batch first = reader.read(100);
            assertThat(first.records()).hasSize(2);
            stored = first.cursor();
            pipedrive.inject(
                    "GET",
                    "/api/v2/persons",
                    FakeReply.json(200, "{\"success\":true,\"data\":[{\"id\":3," + "\"name\":\"Given3 Fam"));
            assertThatThrownBy(() -> reader.read(100))
                    .isInstanceOf(FatalConnectorException.class)
                    .hasMessageContaining("GET /api/v2/persons")
                    .hasMessageContaining("cut short")
                    .hasMessageContaining("without moving its cursor");
        }

        List<SourceRecord> resumed = records(harness.readAll(config, stored, 100));

        assertThat(resumed)
                .extracting(r -> r.fields().get(StandardFields.EMAIL))
                .containsExactly("p3@example.com", "p4@example.com");
    }

    @Test
    void aPageWithoutItsDataFailsTheRead() {
        pipedrive.inject("GET", "/api/v2/persons", FakeReply.json(200, "{\"success\":true}"));

        assertThatThrownBy(() -> harness.readAll(pipedrive.config(), null, 100))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("lacks 'data'");
    }

    @Test
    void deletedAndMergedPersonsComeBackAsSuch() {
        long ada = pipedrive
                .person("Ada", "Lovelace", "ada@example.com")
                .path("id")
                .asLong();
        long alan = pipedrive
                .person("Alan", "Turing", "alan@example.com")
                .path("id")
                .asLong();
        long duplicate = pipedrive
                .person("Alan", "Turing", "a.turing@example.com")
                .path("id")
                .asLong();
        String cursor = lastCursor(harness.readAll(pipedrive.config(), null, 100));

        pipedrive.tick(30);
        pipedrive.delete(ada);
        pipedrive.tick(1);
        pipedrive.merge(duplicate, alan);
        List<SourceRecord> records = records(harness.readAll(pipedrive.config(), cursor, 100));

        assertThat(records)
                .extracting(SourceRecord::change, SourceRecord::externalId, SourceRecord::mergedInto)
                .containsExactly(
                        tuple(Change.UPSERT, Long.toString(alan), null),
                        tuple(Change.DELETED, Long.toString(ada), null),
                        tuple(Change.MERGED, Long.toString(duplicate), Long.toString(alan)));
        assertThat(records.get(1).modifiedAt()).isEqualTo(pipedrive.now().minusSeconds(1));
        RecordedRequest recents = pipedrive.requests("GET", "/api/v1/recents").get(1);
        assertThat(recents.queryParameter("items")).contains("person");
        assertThat(recents.queryParameter("since_timestamp")).contains("2026-11-02 09:00:00");
    }

    @Test
    void aPersonAsTheApiReferenceShowsItIsRead() {
        // the example answer of GET /api/v2/persons in Pipedrive's API reference, trimmed of counts
        pipedrive.inject("GET", "/api/v2/persons", FakeReply.json(200, """
                {"success":true,"data":[{"id":1,"name":"Will Smith","first_name":"Will","last_name":"Smith",
                "owner_id":123,"org_id":1234,"add_time":"2017-10-18T13:23:07Z","update_time":"2020-05-08T05:30:20Z",
                "emails":[{"value":"will.smith@example.com","primary":true,"label":"work"}],
                "phones":[{"value":"12345","primary":true,"label":"work"}],"is_deleted":false,"visible_to":3,
                "label_ids":[1,2,3],"picture_id":4,"custom_fields":{},"notes":"Note about the person",
                "im":[{"value":"skype_name","primary":true,"label":"skype"}],"birthday":"2000-12-31",
                "job_title":"Manager"}],
                "additional_data":{"next_cursor":null}}"""));

        SourceRecord record =
                records(harness.readAll(pipedrive.config(), null, 100)).get(0);

        assertThat(record.externalId()).isEqualTo("1");
        assertThat(record.modifiedAt()).isEqualTo(Instant.parse("2020-05-08T05:30:20Z"));
        assertThat(record.fields())
                .containsEntry(StandardFields.GIVEN_NAME, "Will")
                .containsEntry(StandardFields.EMAIL, "will.smith@example.com")
                .containsEntry(StandardFields.PHONE, "12345")
                .containsEntry(StandardFields.TITLE, "Manager")
                // organization 1234 and user 123 are not in this company: no name to give
                .doesNotContainKeys(StandardFields.COMPANY, StandardFields.OWNER);
    }

    @Test
    void aDamagedCursorFailsTheReadWithWhatToDo() {
        assertThatThrownBy(() -> harness.connector.openReader(pipedrive.config(), "{\"v\":2}"))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("its version is 2")
                .hasMessageContaining("reset the connection's cursor");
        assertThatThrownBy(() -> harness.connector.openReader(pipedrive.config(), "42"))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("not a JSON object");
    }

    private static ObjectNode entry(String value, boolean primary, String label) {
        return FakePipedrive.object()
                .put("value", value)
                .put("primary", primary)
                .put("label", label);
    }
}
