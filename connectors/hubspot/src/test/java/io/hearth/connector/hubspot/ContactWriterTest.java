package io.hearth.connector.hubspot;

import static io.hearth.connector.hubspot.Fixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.OutgoingPerson;
import io.hearth.connector.spi.RecordWriter;
import io.hearth.connector.spi.StandardFields;
import io.hearth.connector.spi.WriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ContactWriterTest {
    private final Fixture fixture = new Fixture();
    private final FakeHubSpot hubspot = fixture.hubspot;

    @AfterEach
    void close() {
        fixture.close();
    }

    private List<WriteResult> write(List<OutgoingPerson> people, String... config) {
        try (RecordWriter writer = fixture.connector.openWriter(fixture.config(config))) {
            return writer.write(people);
        }
    }

    /** JSON compared as JSON: the order of an object's fields means nothing. */
    static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OutgoingPerson person(String hearthId, String externalId, String... fields) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            values.put(fields[i], fields[i + 1]);
        }
        return new OutgoingPerson(hearthId, externalId, values);
    }

    @Test
    void writesOnlyTheFieldsHearthOwnsByIdForKnownContacts() {
        hubspot.contact(7, T0, "firstname", "Ada", "email", "ada@example.com", "company", "Engines");

        List<WriteResult> results = write(List.of(person(
                "leads/1",
                "7",
                StandardFields.GIVEN_NAME,
                "Augusta",
                StandardFields.COMPANY,
                "Hearth's idea of the company",
                StandardFields.EMAIL,
                "ada@example.com",
                StandardFields.STATUS,
                "CONTACTED",
                StandardFields.TEMPERATURE,
                "hot")));

        assertThat(results).containsExactly(WriteResult.written("leads/1", "7"));
        JsonNode body =
                FakeHubSpot.json(hubspot.requests("POST", ContactWriter.UPDATE).get(0));
        assertThat(body)
                .isEqualTo(json("{\"inputs\":[{\"id\":\"7\",\"properties\":{"
                        + "\"hearth_status\":\"CONTACTED\",\"hearth_temperature\":\"hot\"}}]}"));
        // what HubSpot owns stays HubSpot's
        assertThat(hubspot.contact(7).properties)
                .containsEntry("firstname", "Ada")
                .containsEntry("company", "Engines")
                .containsEntry("hearth_temperature", "hot");
        assertThat(hubspot.requests("POST", ContactWriter.UPSERT)).isEmpty();
    }

    @Test
    void upsertsByEmailAndGivesACreatedContactItsIdentity() {
        hubspot.contact(7, T0, "firstname", "Ada", "email", "ada@example.com");

        List<WriteResult> results = write(List.of(
                person(
                        "leads/1",
                        null,
                        StandardFields.EMAIL,
                        "ADA@example.com",
                        StandardFields.GIVEN_NAME,
                        "Augusta",
                        StandardFields.TEMPERATURE,
                        "warm"),
                person(
                        "leads/2",
                        null,
                        StandardFields.EMAIL,
                        "grace@example.com",
                        StandardFields.GIVEN_NAME,
                        "Grace",
                        StandardFields.FAMILY_NAME,
                        "Hopper",
                        StandardFields.TEMPERATURE,
                        "hot")));

        assertThat(results.get(0)).isEqualTo(WriteResult.written("leads/1", "7"));
        assertThat(results.get(1).ok()).isTrue();
        long created = Long.parseLong(results.get(1).externalId());
        assertThat(hubspot.contact(created).properties)
                .containsEntry("email", "grace@example.com")
                .containsEntry("firstname", "Grace")
                .containsEntry("lastname", "Hopper")
                .containsEntry("hearth_temperature", "hot");
        // the existing contact keeps its name: only the new one got the identity fields
        assertThat(hubspot.contact(7).properties)
                .containsEntry("firstname", "Ada")
                .containsEntry("hearth_temperature", "warm");
        JsonNode upsert =
                FakeHubSpot.json(hubspot.requests("POST", ContactWriter.UPSERT).get(0));
        assertThat(upsert.path("inputs").get(0))
                .isEqualTo(
                        json(
                                "{\"idProperty\":\"email\",\"id\":"
                                        + "\"ada@example.com\",\"properties\":{\"hearth_temperature\":\"warm\",\"email\":\"ada@example.com\"}}"));
        JsonNode identity =
                FakeHubSpot.json(hubspot.requests("POST", ContactWriter.UPDATE).get(0));
        assertThat(identity.path("inputs")).hasSize(1);
    }

    @Test
    void writesAtMostOneHundredContactsPerCall() {
        List<OutgoingPerson> people = new ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            hubspot.contact(i, T0, "email", i + "@example.com");
            people.add(person("leads/" + i, Integer.toString(i), StandardFields.TEMPERATURE, "cold"));
        }

        List<WriteResult> results = write(people);

        assertThat(results)
                .hasSize(250)
                .allSatisfy(result -> assertThat(result.ok()).isTrue());
        assertThat(hubspot.requests("POST", ContactWriter.UPDATE))
                .extracting(r -> FakeHubSpot.json(r).path("inputs").size())
                .containsExactly(100, 100, 50);
    }

    @Test
    void aPersonHubSpotRefusesFailsAloneAndTheOthersAreWritten() {
        for (int i = 1; i <= 6; i++) {
            hubspot.contact(i, T0, "email", i + "@example.com");
        }
        List<OutgoingPerson> people = List.of(
                person("leads/1", "1", StandardFields.TEMPERATURE, "hot"),
                person("leads/2", "2", StandardFields.TEMPERATURE, "lukewarm"),
                person("leads/3", "3", StandardFields.TEMPERATURE, "cold"),
                person("leads/4", "404", StandardFields.TEMPERATURE, "cold"),
                person("leads/5", "5", StandardFields.TEMPERATURE, "warm"),
                person("leads/6", null, StandardFields.GIVEN_NAME, "Nobody"),
                person("leads/7", "not-an-id", StandardFields.TEMPERATURE, "warm"));

        List<WriteResult> results = write(people);

        assertThat(results)
                .extracting(WriteResult::hearthId, WriteResult::ok)
                .containsExactly(
                        tuple("leads/1", true),
                        tuple("leads/2", false),
                        tuple("leads/3", true),
                        tuple("leads/4", false),
                        tuple("leads/5", true),
                        tuple("leads/6", false),
                        tuple("leads/7", false));
        assertThat(results.get(1).error()).contains("lukewarm was not one of the allowed options");
        assertThat(results.get(3).error())
                .contains("HubSpot contact 404 was not updated")
                .contains("they may be deleted or not exist");
        assertThat(results.get(5).error()).contains("neither");
        assertThat(results.get(6).error()).contains("not a HubSpot contact id");
        assertThat(hubspot.contact(5).properties).containsEntry("hearth_temperature", "warm");
        // the refused batch was split until the bad input stood alone: 5 + 2 + 3 + 1 + 1 + ... calls, not 5
        assertThat(hubspot.requests("POST", ContactWriter.UPDATE).size()).isBetween(3, 9);
    }

    @Test
    void aPropertyMissingInHubSpotFailsTheRunNamingIt() {
        hubspot.contact(1, T0, "email", "1@example.com");

        assertThatThrownBy(() -> write(
                        List.of(person("leads/1", "1", StandardFields.TEMPERATURE, "hot")),
                        "temperature_property",
                        "lead_warmth"))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("HubSpot has no contact property 'lead_warmth'")
                .hasMessageContaining("create it in HubSpot");
    }

    @Test
    void theOwnershipConfigDecidesWhatIsWritten() {
        hubspot.contact(1, T0, "email", "1@example.com", "phone", "111");

        write(
                List.of(person(
                        "leads/1",
                        "1",
                        StandardFields.PHONE,
                        "222",
                        StandardFields.STATUS,
                        "NEW",
                        StandardFields.TEMPERATURE,
                        "hot")),
                "hearth_owned_fields",
                "phone,temperature");

        assertThat(hubspot.contact(1).properties)
                .containsEntry("phone", "222")
                .containsEntry("hearth_temperature", "hot")
                .doesNotContainKey("hearth_status");
    }

    @Test
    void aPersonWithNothingHearthOwnsIsWrittenWithoutACall() {
        List<WriteResult> results = write(List.of(person("contacts/1", "9", StandardFields.GIVEN_NAME, "Ada")));

        assertThat(results).containsExactly(WriteResult.written("contacts/1", "9"));
        assertThat(hubspot.server().requests()).isEmpty();
    }
}
