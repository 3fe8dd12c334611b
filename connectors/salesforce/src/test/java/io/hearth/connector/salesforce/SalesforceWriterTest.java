package io.hearth.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.connector.crm.http.fake.FakeReply;
import io.hearth.connector.crm.http.fake.RecordedRequest;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.OutgoingPerson;
import io.hearth.connector.spi.RecordWriter;
import io.hearth.connector.spi.RetriableConnectorException;
import io.hearth.connector.spi.StandardFields;
import io.hearth.connector.spi.WriteResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SalesforceWriterTest {
    private static final String UPDATE = FakeSalesforce.DATA + "/composite/sobjects";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeSalesforce salesforce = new FakeSalesforce();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final SalesforceConnector connector = Fixtures.connector(waits);

    @AfterEach
    void stop() {
        salesforce.close();
    }

    @Test
    void anUpdateWritesOnlyTheFieldsHearthOwns() {
        String lead = salesforce.lead(
                "FirstName",
                "Ada",
                "LastName",
                "Lovelace",
                "Company",
                "Engines",
                "Rating",
                "Cold",
                "Status",
                "Open - Not Contacted");

        List<WriteResult> results = write(
                salesforce.config(),
                new OutgoingPerson(
                        "leads/1",
                        lead,
                        Map.of(
                                StandardFields.GIVEN_NAME,
                                "Augusta",
                                StandardFields.EMAIL,
                                "ada@example.com",
                                StandardFields.TEMPERATURE,
                                "hot",
                                StandardFields.STATUS,
                                "CONTACTED")));

        assertThat(results).containsExactly(WriteResult.written("leads/1", lead));
        JsonNode sent = body(salesforce.crm.requests("PATCH", UPDATE).get(0));
        assertThat(sent.path("allOrNone").asBoolean(true)).isFalse();
        assertThat(sent.path("records").get(0).toString())
                .isEqualTo("{\"attributes\":{\"type\":\"Lead\"},\"Id\":\"" + lead
                        + "\",\"Status\":\"Working - Contacted\",\"Rating\":\"Hot\"}");
        assertThat(salesforce.record(lead).path("FirstName").asText()).isEqualTo("Ada");
    }

    @Test
    void writeFieldsHandsMoreFieldsToHearth() {
        String lead = salesforce.lead("FirstName", "Ada", "LastName", "Lovelace", "Company", "Engines");
        Map<String, String> config = new HashMap<>(salesforce.config());
        config.put("write_fields", "given_name, temperature");

        write(
                config,
                new OutgoingPerson(
                        "leads/1",
                        lead,
                        Map.of(
                                StandardFields.GIVEN_NAME,
                                "Augusta",
                                StandardFields.STATUS,
                                "CONTACTED",
                                StandardFields.TEMPERATURE,
                                "warm")));

        assertThat(salesforce.record(lead).path("FirstName").asText()).isEqualTo("Augusta");
        assertThat(salesforce.record(lead).path("Rating").asText()).isEqualTo("Warm");
        assertThat(salesforce.record(lead).has("Status")).isFalse();
    }

    @Test
    void valuesTheMapsDoNotNameAreLeftAsSalesforceHasThem() {
        String lead = salesforce.lead("LastName", "Lovelace", "Company", "Engines", "Status", "Closed - Converted");
        String contact = salesforce.contact("LastName", "Hopper");

        List<WriteResult> results = write(
                salesforce.config(),
                new OutgoingPerson("leads/1", lead, Map.of(StandardFields.STATUS, "CONVERTED")),
                new OutgoingPerson("contacts/2", contact, Map.of(StandardFields.TEMPERATURE, "hot")));

        // a converted status is Salesforce's own, and a Contact has no Rating: nothing to send
        assertThat(results)
                .containsExactly(WriteResult.written("leads/1", lead), WriteResult.written("contacts/2", contact));
        assertThat(salesforce.crm.requests("PATCH", UPDATE)).isEmpty();
    }

    @Test
    void aContactRatingFieldCarriesTheContactsTemperature() {
        String contact = salesforce.contact("LastName", "Hopper");
        Map<String, String> config = new HashMap<>(salesforce.config());
        config.put("contact_rating_field", "Rating__c");

        write(config, new OutgoingPerson("contacts/2", contact, Map.of(StandardFields.TEMPERATURE, "cool")));

        assertThat(salesforce.record(contact).path("Rating__c").asText()).isEqualTo("Cold");
    }

    @Test
    void perRecordErrorsFailOnlyTheirPerson() {
        String fine = salesforce.lead("LastName", "Fine", "Company", "Acme");
        String refused = salesforce.lead("LastName", "Refused", "Company", "Acme");
        String deleted = salesforce.lead("LastName", "Deleted", "Company", "Acme");
        salesforce.refuse(refused, "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Rating needs a reason");
        salesforce.delete(deleted);

        List<WriteResult> results = write(
                salesforce.config(),
                new OutgoingPerson("leads/1", fine, Map.of(StandardFields.TEMPERATURE, "hot")),
                new OutgoingPerson("leads/2", refused, Map.of(StandardFields.TEMPERATURE, "hot")),
                new OutgoingPerson("leads/3", deleted, Map.of(StandardFields.TEMPERATURE, "hot")),
                new OutgoingPerson("leads/4", "001000000000001AAA", Map.of(StandardFields.TEMPERATURE, "hot")));

        assertThat(results)
                .containsExactly(
                        WriteResult.written("leads/1", fine),
                        WriteResult.failed(
                                "leads/2",
                                "Salesforce refused Lead " + refused
                                        + ": FIELD_CUSTOM_VALIDATION_EXCEPTION: Rating needs a reason"),
                        WriteResult.failed(
                                "leads/3",
                                "Salesforce refused Lead " + deleted + ": ENTITY_IS_DELETED: entity is deleted"),
                        WriteResult.failed(
                                "leads/4", "'001000000000001AAA' is not the id of a Salesforce Lead or Contact"));
        assertThat(salesforce.crm.requests("PATCH", UPDATE)).hasSize(1);
    }

    @Test
    void writesGoInCallsOfAtMostTwoHundredRecords() {
        List<OutgoingPerson> people = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            String id = salesforce.lead("LastName", "Lead " + i, "Company", "Acme");
            people.add(new OutgoingPerson("leads/" + i, id, Map.of(StandardFields.TEMPERATURE, "warm")));
        }

        List<WriteResult> results = write(salesforce.config(), people.toArray(OutgoingPerson[]::new));

        assertThat(results).hasSize(450).allMatch(WriteResult::ok);
        assertThat(salesforce.crm.requests("PATCH", UPDATE))
                .extracting(r -> body(r).path("records").size())
                .containsExactly(200, 200, 50);
    }

    @Test
    void aPersonWithoutAnIdIsFoundByEmail() {
        String lead = salesforce.lead("LastName", "Lovelace", "Company", "Engines", "Email", "Ada@Example.com");
        String contact = salesforce.contact("LastName", "Hopper", "Email", "grace@example.com");

        List<WriteResult> results = write(
                salesforce.config(),
                new OutgoingPerson(
                        "leads/1", Map.of(StandardFields.EMAIL, "ada@example.com", StandardFields.TEMPERATURE, "hot")),
                new OutgoingPerson("contacts/2", Map.of(StandardFields.EMAIL, "grace@example.com")));

        assertThat(results)
                .containsExactly(WriteResult.written("leads/1", lead), WriteResult.written("contacts/2", contact));
        assertThat(salesforce.record(lead).path("Rating").asText()).isEqualTo("Hot");
        assertThat(salesforce.soql("query"))
                .containsExactly(
                        "SELECT Id, Email FROM Lead WHERE IsConverted = false AND Email IN ('ada@example.com', "
                                + "'grace@example.com') ORDER BY CreatedDate ASC, Id ASC",
                        "SELECT Id, Email FROM Contact WHERE Email IN ('ada@example.com', 'grace@example.com') "
                                + "ORDER BY CreatedDate ASC, Id ASC");
    }

    @Test
    void aHearthLeadSalesforceDoesNotKnowBecomesANewLead() {
        List<WriteResult> results = write(
                salesforce.config(),
                new OutgoingPerson(
                        "leads/1",
                        Map.of(
                                StandardFields.GIVEN_NAME,
                                "Ada",
                                StandardFields.FAMILY_NAME,
                                "Lovelace",
                                StandardFields.COMPANY,
                                "Engines",
                                StandardFields.EMAIL,
                                "ada@example.com",
                                StandardFields.TEMPERATURE,
                                "hot",
                                StandardFields.STATUS,
                                "NEW",
                                StandardFields.NOTES,
                                "x")),
                new OutgoingPerson(
                        "leads/2",
                        Map.of(StandardFields.FAMILY_NAME, "Babbage", StandardFields.EMAIL, "charles@example.com")),
                new OutgoingPerson("leads/3", Map.of(StandardFields.FAMILY_NAME, "Nobody")),
                new OutgoingPerson("contacts/4", Map.of(StandardFields.EMAIL, "grace@example.com")));

        assertThat(results.get(0).ok()).isTrue();
        String created = results.get(0).externalId();
        assertThat(salesforce.record(created).toString())
                .contains(
                        "\"FirstName\":\"Ada\"",
                        "\"LastName\":\"Lovelace\"",
                        "\"Company\":\"Engines\"",
                        "\"Email\":\"ada@example.com\"",
                        "\"Status\":\"Open - Not Contacted\"",
                        "\"Rating\":\"Hot\"");
        assertThat(results.subList(1, 4))
                .containsExactly(
                        WriteResult.failed(
                                "leads/2", "is not in Salesforce, and a new Lead needs a family name and a company"),
                        WriteResult.failed("leads/3", "has no Salesforce id and no email to find it by"),
                        WriteResult.failed(
                                "contacts/4",
                                "Salesforce has no open Lead or Contact with this email; Hearth "
                                        + "creates Leads only, for its leads"));
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundByEmailWhenHearthRetries() {
        OutgoingPerson ada = new OutgoingPerson(
                "leads/1",
                Map.of(
                        StandardFields.FAMILY_NAME,
                        "Lovelace",
                        StandardFields.COMPANY,
                        "Engines",
                        StandardFields.EMAIL,
                        "ada@example.com",
                        StandardFields.TEMPERATURE,
                        "hot"));
        salesforce.dropAnswerAfterCreate();

        assertThatThrownBy(() -> write(salesforce.config(), ada))
                .isInstanceOf(RetriableConnectorException.class)
                .hasMessageContaining("not sent again");
        List<WriteResult> retried = write(salesforce.config(), ada);

        assertThat(salesforce.crm.requests("POST", UPDATE)).hasSize(1);
        assertThat(retried).singleElement().satisfies(result -> {
            assertThat(result.ok()).isTrue();
            assertThat(salesforce.record(result.externalId()).path("LastName").asText())
                    .isEqualTo("Lovelace");
        });
    }

    @Test
    void createLeadsOffLeavesUnknownPeopleAlone() {
        Map<String, String> config = new HashMap<>(salesforce.config());
        config.put("create_leads", "false");

        List<WriteResult> results = write(
                config,
                new OutgoingPerson(
                        "leads/1",
                        Map.of(
                                StandardFields.FAMILY_NAME,
                                "Lovelace",
                                StandardFields.COMPANY,
                                "Engines",
                                StandardFields.EMAIL,
                                "ada@example.com")));

        assertThat(results)
                .containsExactly(WriteResult.failed(
                        "leads/1", "Salesforce has no open Lead or Contact " + "with this email; create_leads is off"));
        assertThat(salesforce.crm.requests("POST", UPDATE)).isEmpty();
    }

    @Test
    void aRejectedWholeCallFailsTheRunWithSalesforcesReason() {
        String lead = salesforce.lead("LastName", "Lovelace", "Company", "Engines");
        salesforce.interrupt("update", FakeSalesforce.error(400, "JSON_PARSER_ERROR", "Unexpected character"));

        assertThatThrownBy(() -> write(
                        salesforce.config(),
                        new OutgoingPerson("leads/1", lead, Map.of(StandardFields.TEMPERATURE, "hot"))))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("JSON_PARSER_ERROR: Unexpected character");
    }

    @Test
    void aServerErrorOnAnUpdateIsResentBecauseAnUpdateByIdIsSafeToRepeat() {
        String lead = salesforce.lead("LastName", "Lovelace", "Company", "Engines");
        salesforce.interrupt("update", FakeReply.status(502));

        assertThat(write(
                        salesforce.config(),
                        new OutgoingPerson("leads/1", lead, Map.of(StandardFields.TEMPERATURE, "hot"))))
                .containsExactly(WriteResult.written("leads/1", lead));
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    private List<WriteResult> write(Map<String, String> config, OutgoingPerson... people) {
        try (RecordWriter writer = connector.openWriter(config)) {
            return writer.write(List.of(people));
        }
    }

    private static JsonNode body(RecordedRequest request) {
        try {
            return JSON.readTree(request.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
