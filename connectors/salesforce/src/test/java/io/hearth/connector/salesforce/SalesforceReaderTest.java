package io.hearth.connector.salesforce;

import static io.hearth.connector.salesforce.Fixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.crm.http.fake.FakeReply;
import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.SourceRecord;
import io.hearth.connector.spi.SourceRecord.Change;
import io.hearth.connector.spi.StandardFields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SalesforceReaderTest {
    private final FakeSalesforce salesforce = new FakeSalesforce();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final SalesforceConnector connector = Fixtures.connector(waits);

    @AfterEach
    void stop() {
        salesforce.close();
    }

    @Test
    void readsLeadsThenContactsWithHearthsFieldNames() {
        String lead = salesforce.lead(
                "FirstName",
                "Ada",
                "LastName",
                "Lovelace",
                "Company",
                "Analytical Engines",
                "Title",
                "CTO",
                "Email",
                "ada@example.com",
                "MobilePhone",
                "+44 20 7946 0000",
                "LeadSource",
                "Web",
                "Status",
                "Working - Contacted",
                "Rating",
                "Hot",
                "OwnerId",
                "005fake0000000001AAA",
                "Owner.Email",
                "rep@example.com");
        String contact = salesforce
                .at("2026-12-01T09:30:00Z")
                .contact(
                        "FirstName",
                        "Grace",
                        "LastName",
                        "Hopper",
                        "Account.Name",
                        "Navy",
                        "Email",
                        "grace@example.com",
                        "Phone",
                        "+1 555 0100");

        List<SourceRecord> records =
                readAll(connector, salesforce.config(), null, 100).records();

        assertThat(records).extracting(SourceRecord::externalId).containsExactly(lead, contact);
        SourceRecord ada = records.get(0);
        assertThat(ada.change()).isEqualTo(Change.UPSERT);
        assertThat(ada.modifiedAt()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(ada.position()).isEqualTo("Lead " + lead);
        assertThat(ada.fields())
                .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                        Map.entry(StandardFields.GIVEN_NAME, "Ada"),
                        Map.entry(StandardFields.FAMILY_NAME, "Lovelace"),
                        Map.entry(StandardFields.COMPANY, "Analytical Engines"),
                        Map.entry(StandardFields.TITLE, "CTO"),
                        Map.entry(StandardFields.EMAIL, "ada@example.com"),
                        Map.entry(StandardFields.PHONE, "+44 20 7946 0000"),
                        Map.entry(StandardFields.SOURCE, "Web"),
                        Map.entry(StandardFields.OWNER, "rep@example.com"),
                        Map.entry(StandardFields.STAGE, StandardFields.STAGE_LEAD),
                        Map.entry(StandardFields.STATUS, "contacted"),
                        Map.entry(StandardFields.TEMPERATURE, "hot")));
        assertThat(records.get(1).fields())
                .containsEntry(StandardFields.COMPANY, "Navy")
                .containsEntry(StandardFields.PHONE, "+1 555 0100")
                .containsEntry(StandardFields.STAGE, StandardFields.STAGE_CONTACT)
                .doesNotContainKeys(StandardFields.STATUS, StandardFields.TEMPERATURE);
        assertThat(salesforce.soql("queryAll"))
                .containsExactly(
                        "SELECT Id, SystemModstamp, LastModifiedDate, IsDeleted, MasterRecordId, FirstName, LastName, Title, "
                                + "Email, Phone, MobilePhone, LeadSource, OwnerId, Owner.Email, Company, Status, Rating, IsConverted, "
                                + "ConvertedContactId FROM Lead WHERE SystemModstamp <= 2026-12-01T11:58:00Z "
                                + "ORDER BY SystemModstamp ASC, Id ASC",
                        "SELECT Id, SystemModstamp, LastModifiedDate, IsDeleted, MasterRecordId, FirstName, LastName, Title, "
                                + "Email, Phone, MobilePhone, LeadSource, OwnerId, Owner.Email, Account.Name FROM Contact "
                                + "WHERE SystemModstamp <= 2026-12-01T11:58:00Z ORDER BY SystemModstamp ASC, Id ASC");
        assertThat(salesforce.crm.unmatched()).isEmpty();
    }

    @Test
    void followsNextRecordsUrlAcrossPagesOfTheConfiguredSize() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            ids.add(salesforce
                    .at(Instant.parse("2026-12-01T08:00:00Z").plusSeconds(i).toString())
                    .lead("LastName", "Lead " + i, "Company", "Acme"));
        }
        Map<String, String> config = new HashMap<>(salesforce.config());
        config.put("page_size", "200");

        Fixtures.Read read = readAll(connector, config, null, 128);

        assertThat(read.records()).extracting(SourceRecord::externalId).containsExactlyElementsOf(ids);
        // 200 + 200 + 50 Leads in three pages; the Contacts' query finds none
        assertThat(salesforce.crm.requests("GET", FakeSalesforce.DATA + "/queryAll"))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.header("Sforce-Query-Options")).contains("batchSize=200"));
        assertThat(salesforce.crm.requests().stream().filter(r -> r.path().startsWith(FakeSalesforce.DATA + "/query/")))
                .hasSize(2);
        assertThat(read.cursors()).hasSize(4);
    }

    @Test
    void pageSizeDefaultsToTheMostSalesforceServes() {
        salesforce.lead("LastName", "Only", "Company", "Acme");

        readAll(connector, salesforce.config(), null, 10);

        assertThat(salesforce.crm.requests("GET", FakeSalesforce.DATA + "/queryAll"))
                .allSatisfy(r -> assertThat(r.header("Sforce-Query-Options")).contains("batchSize=2000"));
    }

    @Test
    void theNextReadFromTheStoredCursorSeesOnlyTheChange() {
        String ada = salesforce.lead("LastName", "Lovelace", "Company", "Engines", "Rating", "Cold");
        String babbage = salesforce.lead("LastName", "Babbage", "Company", "Engines");
        salesforce.contact("LastName", "Hopper");
        String cursor = readAll(connector, salesforce.config(), null, 100).lastCursor();

        assertThat(readAll(connector, salesforce.config(), cursor, 100).records())
                .isEmpty();
        salesforce.at("2026-12-01T10:15:00Z").change(ada, "Rating", "Warm");
        Fixtures.Read next = readAll(connector, salesforce.config(), cursor, 100);

        assertThat(next.records()).singleElement().satisfies(record -> {
            assertThat(record.externalId()).isEqualTo(ada);
            assertThat(record.fields()).containsEntry(StandardFields.TEMPERATURE, "warm");
            assertThat(record.modifiedAt()).isEqualTo(Instant.parse("2026-12-01T10:15:00Z"));
        });
        // the Leads' query of the last read starts after the last Lead the first read returned
        List<String> queries = salesforce.soql("queryAll");
        assertThat(queries.get(queries.size() - 2))
                .contains("FROM Lead WHERE SystemModstamp <= 2026-12-01T11:58:00Z "
                        + "AND (SystemModstamp > 2026-12-01T09:00:00Z OR (SystemModstamp = 2026-12-01T09:00:00Z AND Id > '"
                        + babbage + "'))");
    }

    @Test
    void aBatchBoundaryInsideOneModstampResumesAfterTheLastRecordReturned() {
        // a mass update stamps many records with one SystemModstamp; the cursor's Id tells them apart
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(salesforce.lead("LastName", "Same second " + i, "Company", "Acme"));
        }
        String cursor;
        try (RecordReader reader = connector.openReader(salesforce.config(), null)) {
            Batch first = reader.read(2);
            assertThat(first.records())
                    .extracting(SourceRecord::externalId)
                    .containsExactlyElementsOf(ids.subList(0, 2));
            assertThat(first.last()).isFalse();
            cursor = first.cursor();
        }

        List<SourceRecord> rest =
                readAll(connector, salesforce.config(), cursor, 100).records();

        assertThat(rest).extracting(SourceRecord::externalId).containsExactlyElementsOf(ids.subList(2, 5));
    }

    @Test
    void recentChangesWaitForTheNextReadSoAnOpenTransactionCannotBeSkipped() {
        salesforce.lead("LastName", "Settled", "Company", "Acme");
        salesforce.at("2026-12-01T11:59:30Z").lead("LastName", "Just now", "Company", "Acme");

        List<SourceRecord> records =
                readAll(connector, salesforce.config(), null, 100).records();

        assertThat(records)
                .extracting(r -> r.fields().get(StandardFields.FAMILY_NAME))
                .containsExactly("Settled");
    }

    @Test
    void deletedAndMergedRecordsComeAsTheirChange() {
        String gone = salesforce.lead("LastName", "Gone", "Company", "Acme");
        String loser = salesforce.contact("LastName", "Twin", "Email", "twin@example.com");
        String survivor = salesforce.contact("LastName", "Twin", "Email", "twin@example.com");
        String cursor = readAll(connector, salesforce.config(), null, 100).lastCursor();
        salesforce.at("2026-12-01T10:00:00Z").delete(gone);
        salesforce.merge(loser, survivor);

        List<SourceRecord> records =
                readAll(connector, salesforce.config(), cursor, 100).records();

        assertThat(records).hasSize(2);
        assertThat(records.get(0)).satisfies(record -> {
            assertThat(record.externalId()).isEqualTo(gone);
            assertThat(record.change()).isEqualTo(Change.DELETED);
            assertThat(record.modifiedAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        });
        assertThat(records.get(1)).satisfies(record -> {
            assertThat(record.externalId()).isEqualTo(loser);
            assertThat(record.change()).isEqualTo(Change.MERGED);
            assertThat(record.mergedInto()).isEqualTo(survivor);
        });
    }

    @Test
    void aConvertedLeadBecomesTheConversionIntoItsContactNotASecondPerson() {
        String lead = salesforce.lead(
                "FirstName", "Ada", "LastName", "Lovelace", "Company", "Engines", "Email", "ada@example.com");
        String cursor = readAll(connector, salesforce.config(), null, 100).lastCursor();
        String contact = salesforce.at("2026-12-01T10:00:00Z").convert(lead);

        List<SourceRecord> records =
                readAll(connector, salesforce.config(), cursor, 100).records();

        assertThat(records).hasSize(2);
        assertThat(records.get(0)).satisfies(record -> {
            assertThat(record.externalId()).isEqualTo(lead);
            assertThat(record.change()).isEqualTo(Change.MERGED);
            assertThat(record.mergedInto()).isEqualTo(contact);
            assertThat(record.fields()).containsExactly(Map.entry(StandardFields.STAGE, StandardFields.STAGE_CONTACT));
        });
        assertThat(records.get(1)).satisfies(record -> {
            assertThat(record.externalId()).isEqualTo(contact);
            assertThat(record.change()).isEqualTo(Change.UPSERT);
            assertThat(record.fields()).containsEntry(StandardFields.EMAIL, "ada@example.com");
        });
    }

    @Test
    void aTruncatedPageFailsTheReadAndTheStoredCursorReadsItAgain() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(salesforce.at("2026-12-01T08:00:0" + i + "Z").lead("LastName", "Lead " + i, "Company", "Acme"));
        }
        Map<String, String> config = new HashMap<>(salesforce.config());
        config.put("page_size", "200");
        salesforce.interrupt(
                "queryAll",
                FakeReply.json(
                        200,
                        "{\"totalSize\":5,\"done\":false,\"nextRecordsUrl\":"
                                + "\"" + FakeSalesforce.DATA + "/query/01gCUT-2\",\"records\":["
                                + leadJson(ids.get(0), 0) + ","
                                + leadJson(ids.get(1), 1) + "]}"));
        salesforce.crm.on(
                "GET",
                FakeSalesforce.DATA + "/query/01gCUT-2",
                FakeReply.json(
                        200,
                        "{\"totalSize\":5,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"Lead\"},\"Id\":\"00Q"));
        String stored;
        try (RecordReader reader = connector.openReader(config, null)) {
            Batch first = reader.read(2);
            stored = first.cursor();
            assertThat(first.records())
                    .extracting(SourceRecord::externalId)
                    .containsExactlyElementsOf(ids.subList(0, 2));

            assertThatThrownBy(() -> reader.read(2))
                    .isInstanceOf(FatalConnectorException.class)
                    .hasMessageContaining("the JSON ends early, as if cut short")
                    .hasMessageContaining("without moving its cursor");
        }

        List<SourceRecord> resumed = readAll(connector, config, stored, 100).records();

        assertThat(resumed).extracting(SourceRecord::externalId).containsExactlyElementsOf(ids.subList(2, 5));
    }

    @Test
    void aPageWithoutItsRecordsFailsTheRead() {
        salesforce.lead("LastName", "Any", "Company", "Acme");
        salesforce.interrupt("queryAll", FakeReply.json(200, "{\"totalSize\":1,\"done\":true}"));

        try (RecordReader reader = connector.openReader(salesforce.config(), null)) {
            assertThatThrownBy(() -> reader.read(10))
                    .isInstanceOf(FatalConnectorException.class)
                    .hasMessageContaining("lacks 'records'");
        }
    }

    @Test
    void recordsOutOfModstampOrderFailTheReadRatherThanSkipChanges() {
        String later = salesforce.at("2026-12-01T10:00:00Z").lead("LastName", "Later", "Company", "Acme");
        String cursor = readAll(connector, salesforce.config(), null, 100).lastCursor();
        salesforce.interrupt(
                "queryAll",
                FakeReply.json(
                        200,
                        "{\"totalSize\":1,\"done\":true,\"records\":[" + leadJson(later.replace("01AAA", "09AAA"), 0)
                                + "]}"));

        try (RecordReader reader = connector.openReader(salesforce.config(), cursor)) {
            assertThatThrownBy(() -> reader.read(10))
                    .isInstanceOf(FatalConnectorException.class)
                    .hasMessageContaining("out of SystemModstamp order");
        }
    }

    @Test
    void aRecordWhoseIdIsNoRecordIdFailsTheReadRatherThanStoreIt() {
        salesforce.interrupt(
                "queryAll",
                FakeReply.json(
                        200, "{\"totalSize\":1,\"done\":true,\"records\":[" + leadJson("' OR Id != '", 0) + "]}"));

        try (RecordReader reader = connector.openReader(salesforce.config(), null)) {
            assertThatThrownBy(() -> reader.read(10))
                    .isInstanceOf(FatalConnectorException.class)
                    .hasMessageContaining("whose Id is no record id");
        }
    }

    @Test
    void aCursorOfAnotherVersionFailsTheRunInsteadOfReadingEverythingAgain() {
        assertThatThrownBy(() -> connector.openReader(salesforce.config(), "{\"v\":2}"))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("Reset the connection's cursor");
        assertThatThrownBy(() -> connector.openReader(salesforce.config(), "17"))
                .isInstanceOf(FatalConnectorException.class);
    }

    private static String leadJson(String id, int second) {
        return "{\"attributes\":{\"type\":\"Lead\"},\"Id\":\"" + id + "\",\"SystemModstamp\":\"2026-12-01T08:00:0"
                + second + ".000+0000\",\"IsDeleted\":false,\"LastName\":\"Lead " + second + "\",\"Company\":\"Acme\"}";
    }
}
