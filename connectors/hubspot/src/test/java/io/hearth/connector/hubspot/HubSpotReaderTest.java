package io.hearth.connector.hubspot;

import static io.hearth.connector.hubspot.Fixture.NOW;
import static io.hearth.connector.hubspot.Fixture.T0;
import static io.hearth.connector.hubspot.Fixture.UNTIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.fake.FakeReply;
import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.SourceRecord;
import io.hearth.connector.spi.StandardFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class HubSpotReaderTest {
    private final Fixture fixture = new Fixture();
    private final FakeHubSpot hubspot = fixture.hubspot;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void readsEveryContactAcrossPagesInModificationOrder() {
        fixture.contacts(1001, 450, T0);

        Fixture.Read read = fixture.read(null);

        assertThat(read.ids())
                .containsExactlyElementsOf(
                        LongStream.range(1001, 1451).mapToObj(Long::toString).toList());
        assertThat(read.batches())
                .last()
                .satisfies(batch -> assertThat(batch.last()).isTrue());
        SourceRecord first = read.records().get(0);
        assertThat(first.modifiedAt()).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(first.change()).isEqualTo(SourceRecord.Change.UPSERT);
        assertThat(first.position()).isEqualTo("contact 1001");
        // three pages of HubSpot's largest size, the later ones following paging.next.after
        List<JsonNode> searches = hubspot.searchBodies();
        assertThat(searches).hasSize(3);
        assertThat(searches).extracting(body -> body.path("after").asText(null)).containsExactly(null, "200", "400");
        JsonNode body = searches.get(0);
        assertThat(body.path("limit").asInt()).isEqualTo(200);
        assertThat(body.path("sorts").toString())
                .isEqualTo("[{\"propertyName\":\"lastmodifieddate\",\"direction\":\"ASCENDING\"}]");
        assertThat(body.path("filterGroups").toString())
                .isEqualTo("[{\"filters\":["
                        + "{\"propertyName\":\"lastmodifieddate\",\"operator\":\"GTE\",\"value\":\"0\"},"
                        + "{\"propertyName\":\"lastmodifieddate\",\"operator\":\"LTE\",\"value\":\"" + UNTIL
                        + "\"}]}]");
        assertThat(body.path("properties").toString())
                .contains("\"firstname\"", "\"hs_lead_status\"", "\"lifecyclestage\"", "\"hs_merged_object_ids\"");
        assertThat(hubspot.requests("GET", DeletedContacts.PATH))
                .as("a first read lists no deletions")
                .isEmpty();
        assertThat(hubspot.server().unmatched()).isEmpty();
    }

    @Test
    void mapsHubSpotPropertiesToHearthFieldsLeavingOutWhatHearthOwns() {
        hubspot.contact(
                7,
                T0,
                "firstname",
                " Ada ",
                "lastname",
                "Lovelace",
                "email",
                "ada@example.com",
                "phone",
                "+44 20 7946 0000",
                "company",
                "Analytical Engines",
                "jobtitle",
                "Founder",
                "hubspot_owner_id",
                "31337",
                "lifecyclestage",
                "customer",
                "hs_lead_status",
                "IN_PROGRESS",
                "hearth_temperature",
                "hot");
        hubspot.contact(8, T0 + 1, "email", "lead@example.com", "lifecyclestage", "marketingqualifiedlead");
        hubspot.contact(9, T0 + 2, "email", "other@example.com", "lifecyclestage", "other");

        List<SourceRecord> records = fixture.read(null).records();

        assertThat(records.get(0).fields())
                .containsExactly(
                        Map.entry(StandardFields.GIVEN_NAME, "Ada"),
                        Map.entry(StandardFields.FAMILY_NAME, "Lovelace"),
                        Map.entry(StandardFields.EMAIL, "ada@example.com"),
                        Map.entry(StandardFields.PHONE, "+44 20 7946 0000"),
                        Map.entry(StandardFields.COMPANY, "Analytical Engines"),
                        Map.entry(StandardFields.TITLE, "Founder"),
                        Map.entry(StandardFields.OWNER, "31337"),
                        Map.entry(StandardFields.STAGE, StandardFields.STAGE_CONTACT));
        assertThat(records.get(1).fields()).containsEntry(StandardFields.STAGE, StandardFields.STAGE_LEAD);
        assertThat(records.get(2).fields()).doesNotContainKey(StandardFields.STAGE);
    }

    @Test
    void statusIsReadFromTheLeadStatusWhenHubSpotOwnsIt() {
        hubspot.contact(7, T0, "email", "ada@example.com", "hs_lead_status", "IN_PROGRESS", "lifecyclestage", "lead");

        List<SourceRecord> records = fixture.read(
                        null,
                        1000,
                        "hearth_owned_fields",
                        "temperature,company",
                        "lead_stages",
                        "lead,subscriber",
                        "contact_stages",
                        "customer")
                .records();

        assertThat(records.get(0).fields())
                .containsEntry(StandardFields.STATUS, "IN_PROGRESS")
                .containsEntry(StandardFields.STAGE, StandardFields.STAGE_LEAD)
                .doesNotContainKey(StandardFields.COMPANY);
    }

    @Test
    void theNextReadFromTheStoredCursorSeesOnlyTheChange() {
        fixture.contacts(1001, 300, T0);
        String cursor = fixture.read(null).cursor();

        fixture.clock.set(NOW + 3_600_000);
        hubspot.modify(1100, NOW + 60_000, "firstname", "Renamed");
        Fixture.Read second = fixture.read(cursor);

        assertThat(second.ids()).containsExactly("1100");
        assertThat(second.records().get(0).fields()).containsEntry(StandardFields.GIVEN_NAME, "Renamed");
        assertThat(second.records().get(0).modifiedAt()).isEqualTo(Instant.ofEpochMilli(NOW + 60_000));

        fixture.clock.set(NOW + 7_200_000);
        Fixture.Read third = fixture.read(second.cursor());
        assertThat(third.records()).as("nothing changed since").isEmpty();
    }

    @Test
    void aChangeTooRecentForTheSearchIndexWaitsForTheNextRead() {
        fixture.contacts(1001, 3, T0);
        hubspot.contact(2000, NOW - 10_000, "email", "late@example.com");

        Fixture.Read first = fixture.read(null);
        assertThat(first.ids()).containsExactly("1001", "1002", "1003");

        fixture.clock.set(NOW + 120_000);
        assertThat(fixture.read(first.cursor()).ids()).containsExactly("2000");
    }

    @Test
    void aSearchPassingTheTenThousandResultCapIsSplitAtTheLastContactTaken() {
        fixture.contacts(1, 10_450, T0 - 20_000_000);

        Fixture.Read read = fixture.read(null, 1000);

        assertThat(read.ids()).hasSize(10_450).doesNotHaveDuplicates();
        assertThat(read.ids())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 10_450)
                        .mapToObj(Long::toString)
                        .toList());
        List<JsonNode> searches = hubspot.searchBodies();
        assertThat(searches)
                .allSatisfy(body -> assertThat(body.path("after").asInt(0)).isLessThan(10_000));
        // the first query pages to the cap; the second starts after the last contact the first gave
        List<JsonNode> restarts =
                searches.stream().filter(body -> !body.has("after")).toList();
        assertThat(restarts).hasSize(2);
        assertThat(restarts.get(1).path("filterGroups").toString())
                .contains("\"operator\":\"EQ\"", "\"operator\":\"GT\"");
        assertThat(hubspot.server().unmatched()).isEmpty();
    }

    @Test
    void contactsSharingOneMillisecondAreReadOnceEachWhateverTheirOrder() {
        // a bulk import: 450 contacts modified in one millisecond, more than two pages hold
        hubspot.contact(1, T0 - 1, "email", "before@example.com");
        for (long id = 100; id < 550; id++) {
            hubspot.contact(id, T0, "email", id + "@example.com");
        }
        hubspot.contact(9, T0 + 1, "email", "after@example.com");

        Fixture.Read read = fixture.read(null, 170);

        List<String> expected = new ArrayList<>(List.of("1"));
        LongStream.range(100, 550).forEach(id -> expected.add(Long.toString(id)));
        expected.add("9");
        assertThat(read.ids()).containsExactlyElementsOf(expected);
        // the millisecond is read by id, since HubSpot's order among equals is arbitrary
        assertThat(hubspot.searchBodies())
                .anySatisfy(body -> assertThat(body.path("sorts").toString()).contains("hs_object_id"));
    }

    @Test
    void aMillisecondSplitByAPageBoundaryIsNotLost() {
        // page_size 5: contacts 3 to 8 share one millisecond across the first page's end
        hubspot.contact(1, T0, "email", "1@example.com");
        hubspot.contact(2, T0 + 1, "email", "2@example.com");
        for (long id = 3; id <= 8; id++) {
            hubspot.contact(id, T0 + 2, "email", id + "@example.com");
        }
        hubspot.contact(20, T0 + 3, "email", "20@example.com");

        Fixture.Read read = fixture.read(null, 1000, "page_size", "5");

        assertThat(read.ids()).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "20");
    }

    @Test
    void aContactModifiedDuringTheReadDoesNotMakeItSkipAnother() {
        fixture.contacts(1001, 450, T0);
        // while the first page is on its way, someone edits a contact of that page: it leaves the
        // window, every later contact moves one place back, and offset 200 would skip contact 1201
        hubspot.afterSearchPage(page -> {
            if (page == 1) {
                hubspot.modify(1050, NOW, "firstname", "Edited");
            }
        });

        Fixture.Read read = fixture.read(null);

        assertThat(read.ids())
                .containsExactlyElementsOf(
                        LongStream.range(1001, 1451).mapToObj(Long::toString).toList());
    }

    @Test
    void aReadResumesExactlyFromTheCursorOfAnyBatch() {
        fixture.contacts(1001, 450, T0);
        List<String> ids = new ArrayList<>();
        String cursor = null;
        boolean last = false;
        int reads = 0;
        while (!last) {
            // a new reader for every batch, as after a crash
            try (RecordReader reader = fixture.connector.openReader(fixture.config(), cursor)) {
                Batch batch = reader.read(70);
                batch.records().forEach(record -> ids.add(record.externalId()));
                cursor = batch.cursor();
                last = batch.last();
            }
            assertThat(++reads).isLessThan(50);
        }

        assertThat(ids)
                .containsExactlyElementsOf(
                        LongStream.range(1001, 1451).mapToObj(Long::toString).toList());
        assertThat(cursor.length()).isLessThan(300);
    }

    @Test
    void aTruncatedPageFailsTheReadWithoutMovingTheCursor() {
        fixture.contacts(1001, 450, T0);
        String cut = "{\"total\":450,\"results\":[{\"id\":\"1201\",\"properties\":{\"email\":\"per";
        hubspot.afterSearchPage(page -> {
            if (page == 1) {
                hubspot.fail("POST", ContactSearch.PATH, FakeReply.json(200, cut));
            }
        });
        String stored;
        try (RecordReader reader = fixture.connector.openReader(fixture.config(), null)) {
            Batch first = reader.read(150);
            assertThat(first.records()).hasSize(150);
            stored = first.cursor();

            assertThatThrownBy(() -> reader.read(150))
                    .isInstanceOf(FatalConnectorException.class)
                    .hasMessageContaining("cut short")
                    .hasMessageContaining("without moving its cursor");
        }

        Fixture.Read resumed = fixture.read(stored);
        assertThat(resumed.ids())
                .containsExactlyElementsOf(
                        LongStream.range(1151, 1451).mapToObj(Long::toString).toList());
    }

    @Test
    void aPageWithoutResultsOrWithABrokenContactFailsTheRead() {
        fixture.contacts(1001, 3, T0);
        hubspot.fail(
                "POST",
                ContactSearch.PATH,
                FakeReply.json(200, "{\"total\":3}"),
                FakeReply.json(
                        200,
                        "{\"total\":1,\"results\":[{\"id\":\"5\",\"properties\":{\"lastmodifieddate\":"
                                + "\"yesterday\"}}]}"));

        assertThatThrownBy(() -> fixture.read(null))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("lacks 'results'");
        assertThatThrownBy(() -> fixture.read(null))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("contact 5 with a time that is no ISO-8601 time");
    }

    @Test
    void deletedAndMergedContactsAreReportedAfterTheFirstRead() {
        fixture.contacts(1001, 5, T0);
        hubspot.contact(11, T0 - 5, "email", "old-a@example.com");
        hubspot.contact(12, T0 - 4, "email", "old-b@example.com");
        hubspot.contact(13, T0 - 3, "email", "gone-long-ago@example.com");
        hubspot.archive(13, T0 - 1);
        String cursor = fixture.read(null).cursor();

        // since: 1002 deleted; 11 and 12 merged into a new contact 3000, which lists both
        long later = NOW + 60_000;
        fixture.clock.set(later + 600_000);
        hubspot.archive(1002, later);
        hubspot.archive(11, later);
        hubspot.archive(12, later);
        hubspot.contact(3000, later, "email", "merged@example.com", "hs_merged_object_ids", "11;12;12;3000");
        Fixture.Read read = fixture.read(cursor);

        assertThat(read.records())
                .extracting(SourceRecord::change, SourceRecord::externalId, SourceRecord::mergedInto)
                .containsExactly(
                        tuple(SourceRecord.Change.DELETED, "11", null),
                        tuple(SourceRecord.Change.DELETED, "12", null),
                        tuple(SourceRecord.Change.DELETED, "1002", null),
                        tuple(SourceRecord.Change.UPSERT, "3000", null),
                        tuple(SourceRecord.Change.MERGED, "11", "3000"),
                        tuple(SourceRecord.Change.MERGED, "12", "3000"));
        assertThat(read.records().get(2).modifiedAt()).isEqualTo(Instant.ofEpochMilli(later));
        assertThat(hubspot.requests("GET", DeletedContacts.PATH))
                .singleElement()
                .satisfies(request -> {
                    assertThat(request.queryParameter("archived")).contains("true");
                    assertThat(request.queryParameter("limit")).contains("100");
                });
    }

    @Test
    void theRecycleBinIsListedAcrossPagesAndResumedMidWay() {
        fixture.contacts(1, 260, T0);
        String cursor = fixture.read(null).cursor();
        long later = NOW + 60_000;
        fixture.clock.set(later + 600_000);
        for (long id = 1; id <= 250; id += 2) {
            hubspot.archive(id, later);
        }
        Set<String> deleted = new HashSet<>();
        boolean last = false;
        int reads = 0;
        while (!last) {
            try (RecordReader reader = fixture.connector.openReader(fixture.config(), cursor)) {
                Batch batch = reader.read(40);
                batch.records().forEach(record -> {
                    assertThat(record.change()).isEqualTo(SourceRecord.Change.DELETED);
                    assertThat(deleted.add(record.externalId()))
                            .as("reported once: " + record.externalId())
                            .isTrue();
                });
                cursor = batch.cursor();
                last = batch.last();
            }
            assertThat(++reads).isLessThan(20);
        }

        assertThat(deleted).hasSize(125);
        assertThat(hubspot.requests("GET", DeletedContacts.PATH).size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void deletionsAreNotListedWhenTheConfigSaysSo() {
        fixture.contacts(1, 3, T0);
        String cursor = fixture.read(null).cursor();
        hubspot.archive(2, NOW + 1000);
        fixture.clock.set(NOW + 600_000);

        Fixture.Read read = fixture.read(cursor, 1000, "read_deletions", "false");

        assertThat(read.records()).isEmpty();
        assertThat(hubspot.requests("GET", DeletedContacts.PATH)).isEmpty();
    }

    @Test
    void aCursorOfAnotherVersionFailsTheReadWithAMessage() {
        assertThatThrownBy(() -> fixture.connector.openReader(fixture.config(), "{\"v\":2}"))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("its version is 2")
                .hasMessageContaining("reset the connection's cursor");
        assertThatThrownBy(() -> fixture.connector.openReader(fixture.config(), "17"))
                .isInstanceOf(FatalConnectorException.class);
    }
}
