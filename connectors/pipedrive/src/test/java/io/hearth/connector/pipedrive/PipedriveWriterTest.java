package io.hearth.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.connector.crm.http.fake.FakeReply;
import io.hearth.connector.crm.http.fake.RecordedRequest;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.OutgoingPerson;
import io.hearth.connector.spi.OutgoingTouch;
import io.hearth.connector.spi.RecordWriter;
import io.hearth.connector.spi.RetriableConnectorException;
import io.hearth.connector.spi.StandardFields;
import io.hearth.connector.spi.WriteResult;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PipedriveWriterTest {
    private static final String STATUS_FIELD = "9dc80c50d78a15643bfc4ca79d76156a73a1ca0e";
    private static final String TEMPERATURE_FIELD = "b1a9b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3";

    private final FakePipedrive pipedrive = new FakePipedrive();
    private final Harness harness = new Harness(pipedrive);

    @AfterEach
    void stop() {
        pipedrive.close();
    }

    @Test
    void writesOnlyTheFieldsHearthOwnsByDefault() throws IOException {
        long ada = pipedrive
                .person("Ada", "Lovelace", "ada@example.com")
                .path("id")
                .asLong();
        String lead = pipedrive.lead(ada, "Cold");
        pipedrive.label("Key account", "purple");
        pipedrive.relabel(lead, "Cold", "Key account");
        pipedrive.personField(STATUS_FIELD, "Hearth status", "New", "Working - Contacted", "Qualified");

        List<WriteResult> results = write(
                pipedrive.config("status_field", STATUS_FIELD),
                person(
                        "leads/1",
                        ada,
                        Map.of(
                                StandardFields.GIVEN_NAME,
                                "Augusta",
                                StandardFields.FAMILY_NAME,
                                "King",
                                StandardFields.EMAIL,
                                "augusta@example.com",
                                StandardFields.TEMPERATURE,
                                "warm",
                                StandardFields.STATUS,
                                "WORKING_CONTACTED")));

        assertThat(results).containsExactly(WriteResult.written("leads/1", Long.toString(ada)));
        // the status went to its field as the option's id; names and email, Pipedrive's, were left alone
        RecordedRequest patch =
                pipedrive.requests("PATCH", "/api/v2/persons/" + ada).get(0);
        assertThat(json(patch)).isEqualTo(json("{\"custom_fields\":{\"" + STATUS_FIELD + "\":2}}"));
        assertThat(pipedrive.personById(ada).path("name").asText()).isEqualTo("Ada Lovelace");
        // the temperature replaced the lead's temperature label, its other label kept
        assertThat(pipedrive.labelNames(lead)).containsExactlyInAnyOrder("Key account", "Warm");
    }

    @Test
    void anUnchangedTemperatureLabelIsNotWrittenAgain() {
        long ada = pipedrive
                .person("Ada", "Lovelace", "ada@example.com")
                .path("id")
                .asLong();
        String lead = pipedrive.lead(ada, "Hot");

        List<WriteResult> results =
                write(pipedrive.config(), person("leads/1", ada, Map.of(StandardFields.TEMPERATURE, "hot")));

        assertThat(results).extracting(WriteResult::ok).containsExactly(true);
        assertThat(pipedrive.requests("PATCH", "/api/v1/leads/" + lead)).isEmpty();
        assertThat(pipedrive.requests("PATCH", "/api/v2/persons/" + ada)).isEmpty();
    }

    @Test
    void aTemperatureWithoutItsLabelCreatesTheLabelOnce() {
        long ada = pipedrive
                .person("Ada", "Lovelace", "ada@example.com")
                .path("id")
                .asLong();
        long alan = pipedrive
                .person("Alan", "Turing", "alan@example.com")
                .path("id")
                .asLong();
        String adaLead = pipedrive.lead(ada, "Warm");
        String alanLead = pipedrive.lead(alan);

        List<WriteResult> results = write(
                pipedrive.config(),
                person("leads/1", ada, Map.of(StandardFields.TEMPERATURE, "cool")),
                person("leads/2", alan, Map.of(StandardFields.TEMPERATURE, "cool")));

        assertThat(results).extracting(WriteResult::ok).containsExactly(true, true);
        assertThat(pipedrive.labelNames(adaLead)).containsExactly("Cool");
        assertThat(pipedrive.labelNames(alanLead)).containsExactly("Cool");
        assertThat(pipedrive.requests("POST", "/api/v1/leadLabels")).hasSize(1);
    }

    @Test
    void theTemperatureGoesToACustomFieldWhenTheConfigNamesOne() throws IOException {
        long ada = pipedrive
                .person("Ada", "Lovelace", "ada@example.com")
                .path("id")
                .asLong();
        String lead = pipedrive.lead(ada, "Cold");
        pipedrive.personField(TEMPERATURE_FIELD, "Temperature", "Hot", "Warm", "Cool", "Cold");
        Map<String, String> config = pipedrive.config("temperature_field", TEMPERATURE_FIELD);

        write(config, person("leads/1", ada, Map.of(StandardFields.TEMPERATURE, "hot")));

        assertThat(json(pipedrive.requests("PATCH", "/api/v2/persons/" + ada).get(0)))
                .isEqualTo(json("{\"custom_fields\":{\"" + TEMPERATURE_FIELD + "\":1}}"));
        assertThat(pipedrive.labelNames(lead)).containsExactly("Cold");
        // and it reads back as written: no echo for the next sync to write again
        assertThat(Harness.records(harness.readAll(config, null, 100)).get(0).fields())
                .containsEntry(StandardFields.TEMPERATURE, "hot");
    }

    @Test
    void aPersonPipedriveRefusesIsAFailedResultAndTheOthersAreWritten() {
        pipedrive.personField(STATUS_FIELD, "Hearth status");
        long ada = pipedrive
                .person("Ada", "Lovelace", "ada@example.com")
                .path("id")
                .asLong();
        long gone =
                pipedrive.person("Gone", "Away", "gone@example.com").path("id").asLong();
        long invalid =
                pipedrive.person("Bad", "Value", "bad@example.com").path("id").asLong();
        pipedrive.delete(gone);
        pipedrive.inject(
                "PATCH",
                "/api/v2/persons/" + invalid,
                FakeReply.json(
                        400,
                        "{\"success\":false,\"error\":" + "\"Custom field value is too long\",\"errorCode\":400}"));
        Map<String, String> status = Map.of(StandardFields.STATUS, "QUALIFIED");

        List<WriteResult> results = write(
                pipedrive.config("status_field", STATUS_FIELD),
                person("leads/1", gone, status),
                person("leads/2", invalid, status),
                person("leads/3", ada, status),
                new OutgoingPerson("leads/4", "not-a-number", status),
                new OutgoingPerson(
                        "leads/5", Map.of(StandardFields.GIVEN_NAME, "No", StandardFields.FAMILY_NAME, "Email")));

        assertThat(results)
                .extracting(WriteResult::hearthId, WriteResult::externalId, WriteResult::error)
                .containsExactly(
                        tuple(
                                "leads/1",
                                null,
                                "Pipedrive has no person " + gone + " (deleted or merged in Pipedrive?)"),
                        tuple("leads/2", null, "Pipedrive refused it (400: Custom field " + "value is too long)"),
                        tuple("leads/3", Long.toString(ada), null),
                        tuple("leads/4", null, "its id 'not-a-number' is no Pipedrive " + "person id"),
                        tuple("leads/5", null, "it has neither a Pipedrive id nor an " + "email to find it by"));
        assertThat(pipedrive
                        .personById(ada)
                        .path("custom_fields")
                        .path(STATUS_FIELD)
                        .asText())
                .isEqualTo("QUALIFIED");
    }

    @Test
    void aPersonWithoutItsPipedriveIdIsFoundByEmailOrCreated() {
        long ada = pipedrive
                .person("Ada", "Lovelace", "ada@example.com")
                .path("id")
                .asLong();
        pipedrive.personField(STATUS_FIELD, "Hearth status");
        Map<String, String> config = pipedrive.config("status_field", STATUS_FIELD);

        List<WriteResult> results = write(
                config,
                new OutgoingPerson(
                        "leads/1", Map.of(StandardFields.EMAIL, "ADA@example.com", StandardFields.STATUS, "NEW")),
                new OutgoingPerson(
                        "leads/2",
                        Map.of(
                                StandardFields.GIVEN_NAME,
                                "Grace",
                                StandardFields.FAMILY_NAME,
                                "Hopper",
                                StandardFields.EMAIL,
                                "grace@example.com",
                                StandardFields.PHONE,
                                "+1 202 555 0100",
                                StandardFields.STATUS,
                                "NEW")));

        assertThat(results.get(0)).isEqualTo(WriteResult.written("leads/1", Long.toString(ada)));
        assertThat(results.get(1).ok()).isTrue();
        JsonNode grace = pipedrive.personById(Long.parseLong(results.get(1).externalId()));
        assertThat(grace.path("name").asText()).isEqualTo("Grace Hopper");
        assertThat(grace.path("phones").path(0).path("value").asText()).isEqualTo("+1 202 555 0100");
        assertThat(grace.path("custom_fields").path(STATUS_FIELD).asText()).isEqualTo("NEW");
        assertThat(pipedrive.requests("GET", "/api/v2/persons/search").get(0).queryParameter("exact_match"))
                .contains("true");
    }

    @Test
    void anOwnedEmailBecomesThePrimaryOneAndTheOthersAreKept() {
        long ada = pipedrive
                .person("Ada", "Lovelace", "old@example.com")
                .path("id")
                .asLong();
        Map<String, String> config = pipedrive.config("hearth_fields", "email,given_name,family_name");

        write(
                config,
                person(
                        "leads/1",
                        ada,
                        Map.of(
                                StandardFields.EMAIL,
                                "new@example.com",
                                StandardFields.GIVEN_NAME,
                                "Augusta Ada",
                                StandardFields.FAMILY_NAME,
                                "King")));

        JsonNode person = pipedrive.personById(ada);
        assertThat(person.path("name").asText()).isEqualTo("Augusta Ada King");
        assertThat(person.path("emails").toString())
                .isEqualTo("[{\"value\":\"new@example.com\",\"primary\":true,"
                        + "\"label\":\"work\"},{\"value\":\"old@example.com\",\"primary\":false,\"label\":\"work\"}]");
    }

    @Test
    void aTouchIsAnActivityOfItsPersonWithItsIdInTheNote() {
        long ada = pipedrive
                .person("Ada", "Lovelace", "ada@example.com")
                .path("id")
                .asLong();

        List<WriteResult> results =
                touches(touch("touches/01", ada, "phone", "left-voicemail", "Call back <after> 3pm & ask for Ada"));

        assertThat(results).singleElement().satisfies(r -> assertThat(r.ok()).isTrue());
        JsonNode activity = pipedrive.activities().get(0);
        assertThat(results.get(0).externalId()).isEqualTo(activity.path("id").asText());
        assertThat(activity.path("type").asText()).isEqualTo("call");
        assertThat(activity.path("subject").asText()).isEqualTo("Phone call: left voicemail");
        assertThat(activity.path("done").asBoolean()).isTrue();
        assertThat(activity.path("due_date").asText()).isEqualTo("2026-11-30");
        assertThat(activity.path("due_time").asText()).isEqualTo("14:05");
        assertThat(activity.path("participants").toString())
                .isEqualTo("[{\"person_id\":" + ada + ",\"primary\":true}]");
        assertThat(activity.path("note").asText())
                .isEqualTo("<p>Call back &lt;after&gt; 3pm &amp; ask for Ada</p>"
                        + "<p>Logged in Hearth [hearth touches/01]</p>");
    }

    @Test
    void aTouchWrittenAgainAfterItsAnswerWasLostExistsOnce() {
        long ada = pipedrive
                .person("Ada", "Lovelace", "ada@example.com")
                .path("id")
                .asLong();
        OutgoingTouch touch = touch("touches/0190b2", ada, "email", null, null);
        // Pipedrive creates the activity, then the connection drops before its answer
        pipedrive.loseAnswer("POST", "/api/v2/activities", 1);

        assertThatThrownBy(() -> touches(touch))
                .isInstanceOf(RetriableConnectorException.class)
                .hasMessageContaining("POST /api/v2/activities")
                .hasMessageContaining("not sent again");
        assertThat(pipedrive.activities()).hasSize(1);
        List<WriteResult> retry = touches(touch);

        String activityId = pipedrive.activities().get(0).path("id").asText();
        assertThat(retry).containsExactly(WriteResult.written("touches/0190b2", activityId));
        assertThat(pipedrive.activities()).hasSize(1);
        assertThat(pipedrive.requests("POST", "/api/v2/activities")).hasSize(1);
    }

    @Test
    void aRetriedBatchCreatesOnlyTheTouchesNotWrittenBefore() {
        long ada = pipedrive
                .person("Ada", "Lovelace", "ada@example.com")
                .path("id")
                .asLong();
        long alan = pipedrive
                .person("Alan", "Turing", "alan@example.com")
                .path("id")
                .asLong();
        List<OutgoingTouch> batch = List.of(
                touch("touches/1", ada, "email", "replied-positive", "Keen"),
                touch("touches/2", ada, "meeting", "meeting-booked", null),
                touch("touches/3", alan, "sms", null, null));
        // the first attempt writes touch 1, then loses the answer to touch 2 and stops
        pipedrive.loseAnswer("POST", "/api/v2/activities", 2);
        assertThatThrownBy(() -> touches(batch.toArray(OutgoingTouch[]::new)))
                .isInstanceOf(RetriableConnectorException.class);

        List<WriteResult> retry = touches(batch.toArray(OutgoingTouch[]::new));

        assertThat(retry).extracting(WriteResult::ok).containsExactly(true, true, true);
        assertThat(pipedrive.activities())
                .extracting(a -> a.path("subject").asText())
                .containsExactly("Email: replied positive", "Meeting: meeting booked", "Text message");
        assertThat(retry)
                .extracting(WriteResult::externalId)
                .containsExactlyElementsOf(pipedrive.activities().stream()
                        .map(a -> a.path("id").asText())
                        .toList());
        assertThat(pipedrive.activities().get(2).path("type").asText()).isEqualTo("task");
        // one look through the activities per person and attempt
        assertThat(pipedrive.requests("GET", "/api/v2/activities"))
                .extracting(r -> r.queryParameter("person_id").orElseThrow())
                .containsExactly(Long.toString(ada), Long.toString(ada), Long.toString(alan));
    }

    @Test
    void aUserWhoMayNotAddActivitiesEndsTheWriteSayingSo() {
        long ada = pipedrive
                .person("Ada", "Lovelace", "ada@example.com")
                .path("id")
                .asLong();
        pipedrive.inject(
                "POST",
                "/api/v2/activities",
                FakeReply.json(
                        403,
                        "{\"success\":false,\"error\":"
                                + "\"You do not have permissions to add activities\",\"errorCode\":403}"));

        assertThatThrownBy(() -> touches(touch("touches/1", ada, "phone", null, null)))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("permission to edit activities")
                .hasMessageContaining("api_token");
        assertThat(pipedrive.activities()).isEmpty();
    }

    @Test
    void aTouchOfAPersonNotInPipedriveIsAFailedResult() {
        List<WriteResult> results = touches(new OutgoingTouch(
                "touches/9", "leads/9", null, "phone", null, Instant.parse("2026-11-30T14:05:00Z"), null));

        assertThat(results)
                .singleElement()
                .satisfies(r -> assertThat(r.error())
                        .isEqualTo(
                                "the person is not in Pipedrive yet (it has no Pipedrive id); write the person first"));
        assertThat(pipedrive.requests("POST", "/api/v2/activities")).isEmpty();
    }

    private List<WriteResult> write(Map<String, String> config, OutgoingPerson... people) {
        try (RecordWriter writer = harness.connector.openWriter(config)) {
            return writer.write(List.of(people));
        }
    }

    private List<WriteResult> touches(OutgoingTouch... touches) {
        try (RecordWriter writer = harness.connector.openWriter(pipedrive.config())) {
            return writer.writeTouches(List.of(touches));
        }
    }

    private static OutgoingPerson person(String hearthId, long pipedriveId, Map<String, String> fields) {
        return new OutgoingPerson(hearthId, Long.toString(pipedriveId), fields);
    }

    private static OutgoingTouch touch(String touchId, long personId, String channel, String outcome, String note) {
        return new OutgoingTouch(
                touchId,
                "leads/" + personId,
                Long.toString(personId),
                channel,
                outcome,
                Instant.parse("2026-11-30T14:05:00Z"),
                note);
    }

    private static JsonNode json(RecordedRequest request) throws IOException {
        return new ObjectMapper().readTree(request.body());
    }

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }
}
