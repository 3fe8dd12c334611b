package io.hearth.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.connector.crm.http.fake.FakeReply;
import io.hearth.connector.crm.http.fake.RecordedRequest;
import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.DealWriter;
import io.hearth.connector.spi.OutgoingDeal;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.RetriableConnectorException;
import io.hearth.connector.spi.SourceRecord;
import io.hearth.connector.spi.WriteResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Deals written to the fake Pipedrive: creates, updates, stages both ways, refusals and faults. */
@Timeout(30)
class PipedriveDealWriterTest {
    private final FakePipedrive pipedrive = new FakePipedrive();
    private final Harness harness = new Harness(pipedrive);
    private long ada;
    private long alan;

    @BeforeEach
    void defaultPipeline() {
        pipedrive.stage(1, "Qualified");
        pipedrive.stage(2, "Contact Made");
        pipedrive.stage(3, "Demo Scheduled");
        pipedrive.stage(4, "Proposal Made");
        pipedrive.stage(5, "Negotiations Started");
        pipedrive.user(7, "rep@example.com");
        pipedrive.user(8, "other@example.com");
        ada = pipedrive.person("Ada", "Lovelace", "ada@example.com").path("id").asLong();
        alan = pipedrive.person("Alan", "Turing", "alan@example.com").path("id").asLong();
    }

    @AfterEach
    void stop() {
        pipedrive.close();
    }

    @Test
    void aNewDealIsCreatedWithItsPersonStageAndFields() throws IOException {
        assertThat(harness.connector.capabilities()).contains(Capability.WRITE_DEALS);

        List<WriteResult> results = write(
                pipedrive.config(),
                new OutgoingDeal(
                        "opportunities/1",
                        null,
                        Long.toString(ada),
                        fields(
                                DealFields.TITLE, "200 seats",
                                DealFields.AMOUNT, "12500.50",
                                DealFields.CURRENCY, "eur",
                                DealFields.STAGE, "proposal",
                                DealFields.CLOSE_DATE, "2027-03-31",
                                DealFields.OWNER, "rep@example.com",
                                DealFields.OUTCOME, "open",
                                DealFields.CONTACT, "contacts/1")));

        List<RecordedRequest> posts = pipedrive.requests("POST", DealList.PATH);
        assertThat(posts).hasSize(1);
        assertThat(json(posts.get(0)))
                .as("the owner's email became their user id; Hearth's contact name is not Pipedrive's")
                .isEqualTo(json("{\"title\":\"200 seats\",\"value\":12500.50,\"currency\":\"EUR\","
                        + "\"expected_close_date\":\"2027-03-31\",\"owner_id\":7,\"person_id\":" + ada + ","
                        + "\"status\":\"open\",\"stage_id\":4}"));
        String id = results.get(0).externalId();
        assertThat(results).containsExactly(WriteResult.written("opportunities/1", id));
        assertThat(id).matches("\\d+");
        assertThat(pipedrive.dealById(Long.parseLong(id)).path("stage_id").asLong())
                .isEqualTo(4);
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameDeal() {
        pipedrive.deal(11, ada, "Renewal", "stage_id", "1");
        List<OutgoingDeal> deals = List.of(
                new OutgoingDeal(
                        "opportunities/1",
                        null,
                        Long.toString(ada),
                        fields(
                                DealFields.TITLE, "200 seats",
                                DealFields.AMOUNT, "12500.50",
                                DealFields.CURRENCY, "USD",
                                DealFields.STAGE, "negotiation",
                                DealFields.CLOSE_DATE, "2027-03-31",
                                DealFields.OWNER, "7",
                                DealFields.OUTCOME, "open")),
                new OutgoingDeal(
                        "opportunities/2",
                        null,
                        Long.toString(alan),
                        fields(
                                DealFields.TITLE, "Pilot",
                                DealFields.AMOUNT, "900",
                                DealFields.CURRENCY, "EUR",
                                DealFields.STAGE, "closed_lost",
                                DealFields.CLOSE_DATE, "2027-01-15",
                                DealFields.OWNER, "8",
                                DealFields.OUTCOME, "lost",
                                DealFields.REASON, "Went with a competitor")),
                new OutgoingDeal(
                        "opportunities/3",
                        "11",
                        Long.toString(ada),
                        fields(
                                DealFields.TITLE, "Renewal 2027",
                                DealFields.AMOUNT, "4000",
                                DealFields.CURRENCY, "EUR",
                                DealFields.STAGE, "needs_analysis",
                                DealFields.CLOSE_DATE, "2027-06-30",
                                DealFields.OWNER, "7",
                                DealFields.OUTCOME, "open")));

        List<WriteResult> results = write(pipedrive.config(), deals.toArray(OutgoingDeal[]::new));
        assertThat(results).extracting(WriteResult::ok).containsExactly(true, true, true);

        Map<String, SourceRecord> read =
                readAll().stream().collect(Collectors.toMap(SourceRecord::externalId, Function.identity()));
        for (int i = 0; i < deals.size(); i++) {
            OutgoingDeal sent = deals.get(i);
            Map<String, String> back = read.get(results.get(i).externalId()).fields();
            for (String field : List.of(
                    DealFields.TITLE,
                    DealFields.CURRENCY,
                    DealFields.CLOSE_DATE,
                    DealFields.OWNER,
                    DealFields.OUTCOME)) {
                assertThat(back.get(field))
                        .as(sent.hearthId() + " " + field)
                        .isEqualTo(sent.fields().get(field));
            }
            assertThat(new BigDecimal(back.get(DealFields.AMOUNT)))
                    .as(sent.hearthId() + " amount")
                    .isEqualByComparingTo(sent.fields().get(DealFields.AMOUNT));
            assertThat(back.get(DealFields.CONTACT_ID)).isEqualTo(sent.contactExternalId());
            if (sent.fields().get(DealFields.OUTCOME).equals("open")) {
                // the stage comes back by its name, one Hearth's sync maps onto the stage written
                String stage = sent.fields().get(DealFields.STAGE);
                assertThat(DealStages.KNOWN.get(stage)).contains(DealStages.normal(back.get(DealFields.STAGE)));
            }
        }
        assertThat(read.get(results.get(0).externalId()).fields())
                .containsEntry(DealFields.STAGE, "Negotiations Started");
        assertThat(read.get(results.get(1).externalId()).fields())
                .containsEntry(DealFields.REASON, "Went with a competitor");
        assertThat(read.get("11").fields()).containsEntry(DealFields.STAGE, "Demo Scheduled");
    }

    @Test
    void anUpdateKeepsAStageThatAlreadyStandsForHearthsAndStaysInItsPipeline() throws IOException {
        pipedrive.stage(21, "Qualified", 2);
        pipedrive.stage(24, "Proposal Made", 2);
        pipedrive.deal(11, ada, "In Contact Made", "stage_id", "2");
        pipedrive.deal(12, alan, "In the second pipeline", "stage_id", "21", "pipeline_id", "2");

        List<WriteResult> results = write(
                pipedrive.config(),
                new OutgoingDeal(
                        "opportunities/1",
                        "11",
                        null,
                        fields(DealFields.STAGE, "qualification", DealFields.AMOUNT, "300")),
                new OutgoingDeal("opportunities/2", "12", null, fields(DealFields.STAGE, "proposal")));

        assertThat(results)
                .containsExactly(
                        WriteResult.written("opportunities/1", "11"), WriteResult.written("opportunities/2", "12"));
        assertThat(json(pipedrive.requests("PATCH", DealList.PATH + "/11").get(0)))
                .as("Contact Made is a qualification stage: the deal stays there; absent fields are left alone")
                .isEqualTo(json("{\"value\":300,\"status\":\"open\"}"));
        assertThat(pipedrive.dealById(12).path("stage_id").asLong())
                .as("the second pipeline's Proposal Made, not the first's")
                .isEqualTo(24);
        assertThat(pipedrive.requests("GET", DealList.PATH))
                .as("the deals to update are read in one request")
                .hasSize(1);
        assertThat(pipedrive.requests("GET", DealList.STAGES)).hasSize(1);
    }

    @Test
    void anUpdateWithoutTheStageLeavesTheStatusAndEverythingElseAsPipedriveHasThem() {
        // the connection gives Hearth the title only (own.deal_title=hearth, own.deal_stage=crm)
        pipedrive.deal(11, ada, "Pilot", "status", "won", "stage_id", "4", "value", "900");

        List<WriteResult> results = write(
                pipedrive.config(),
                new OutgoingDeal(
                        "opportunities/1", "11", Long.toString(ada), fields(DealFields.TITLE, "Pilot, 3 sites")));

        assertThat(results).containsExactly(WriteResult.written("opportunities/1", "11"));
        JsonNode deal = pipedrive.dealById(11);
        assertThat(deal.path("title").asText()).isEqualTo("Pilot, 3 sites");
        assertThat(deal.path("status").asText()).as("still won").isEqualTo("won");
        assertThat(deal.path("stage_id").asLong()).isEqualTo(4);
        assertThat(deal.path("value").asText()).isEqualTo("900");
    }

    @Test
    void dealStagesNamesTheStageOfACustomOrAnyHearthStage() {
        pipedrive.stage(6, "Discovery call");
        pipedrive.stage(7, "Needs Defined");

        List<WriteResult> results = write(
                pipedrive.config("deal_stages", "discovery=Discovery call, needs_analysis=Needs Defined"),
                new OutgoingDeal(
                        "opportunities/1",
                        null,
                        Long.toString(ada),
                        fields(DealFields.TITLE, "A", DealFields.STAGE, "discovery")),
                new OutgoingDeal(
                        "opportunities/2",
                        null,
                        Long.toString(ada),
                        fields(DealFields.TITLE, "B", DealFields.STAGE, "needs_analysis")));

        assertThat(results).extracting(WriteResult::ok).containsExactly(true, true);
        assertThat(pipedrive
                        .dealById(Long.parseLong(results.get(0).externalId()))
                        .path("stage_id")
                        .asLong())
                .isEqualTo(6);
        assertThat(pipedrive
                        .dealById(Long.parseLong(results.get(1).externalId()))
                        .path("stage_id")
                        .asLong())
                .as("the configured name wins over Demo Scheduled")
                .isEqualTo(7);
        assertThat(harness.connector.validate(pipedrive.config("deal_stages", "Needs Analysis=Demo")))
                .extracting(p -> p.key())
                .containsExactly("deal_stages");
    }

    @Test
    void aRefusedDealIsAFailedResultAndTheOthersAreWritten() {
        pipedrive.deal(11, ada, "Gone");
        pipedrive.modifyDeal(11, "status", "deleted");
        pipedrive.deal(12, ada, "Kept");

        List<WriteResult> results = write(
                pipedrive.config(),
                new OutgoingDeal("opportunities/1", null, "999999", fields(DealFields.TITLE, "No such person")),
                new OutgoingDeal("opportunities/2", "11", null, fields(DealFields.TITLE, "Renamed")),
                new OutgoingDeal(
                        "opportunities/3",
                        null,
                        Long.toString(ada),
                        fields(DealFields.TITLE, "Odd", DealFields.STAGE, "discovery")),
                new OutgoingDeal("opportunities/4", null, Long.toString(ada), fields(DealFields.STAGE, "proposal")),
                new OutgoingDeal("opportunities/5", "12", null, fields(DealFields.TITLE, "Kept and renamed")),
                new OutgoingDeal("opportunities/6", null, Long.toString(alan), fields(DealFields.TITLE, "New")),
                new OutgoingDeal("opportunities/7", null, null, fields(DealFields.TITLE, "Nobody's")));

        assertThat(results)
                .extracting(WriteResult::hearthId)
                .containsExactly(
                        "opportunities/1",
                        "opportunities/2",
                        "opportunities/3",
                        "opportunities/4",
                        "opportunities/5",
                        "opportunities/6",
                        "opportunities/7");
        assertThat(results.get(0).error()).contains("Pipedrive refused it (400: Person not found)");
        assertThat(results.get(1).error()).isEqualTo("Pipedrive has no deal 11 (deleted in Pipedrive?)");
        assertThat(results.get(2).error()).contains("'discovery'").contains("deal_stages");
        assertThat(results.get(3).error()).contains("needs a title");
        assertThat(results.get(4)).isEqualTo(WriteResult.written("opportunities/5", "12"));
        assertThat(results.get(5).ok()).isTrue();
        assertThat(results.get(6).error()).contains("write the contact first");
        assertThat(pipedrive.dealById(12).path("title").asText()).isEqualTo("Kept and renamed");
        assertThat(pipedrive.dealCount()).as("11, 12 and the one new deal").isEqualTo(3);
    }

    @Test
    void aRateLimitIsWaitedOutAndAnOutageIsRetriable() {
        pipedrive.deal(11, ada, "Renewal");
        pipedrive.inject(
                "PATCH",
                DealList.PATH + "/11",
                FakeReply.json(429, "{\"success\":false,\"error\":\"Too many requests\"}")
                        .withHeader("x-ratelimit-reset", "2"));

        List<WriteResult> results = write(
                pipedrive.config(), new OutgoingDeal("opportunities/1", "11", null, fields(DealFields.TITLE, "R")));

        assertThat(results).containsExactly(WriteResult.written("opportunities/1", "11"));
        assertThat(harness.waits).hasSize(1);

        FakeReply[] outage = new FakeReply[10];
        java.util.Arrays.fill(outage, FakeReply.json(503, "{\"success\":false,\"error\":\"Service unavailable\"}"));
        pipedrive.inject("PATCH", DealList.PATH + "/11", outage);
        assertThatThrownBy(() -> write(
                        pipedrive.config(),
                        new OutgoingDeal("opportunities/1", "11", null, fields(DealFields.TITLE, "S"))))
                .isInstanceOf(RetriableConnectorException.class)
                .hasMessageContaining("PATCH " + DealList.PATH + "/11");
    }

    @Test
    void aCreateWhoseAnswerWasLostIsNotSentAgain() {
        pipedrive.loseAnswer("POST", DealList.PATH, 1);

        assertThatThrownBy(() -> write(
                        pipedrive.config(),
                        new OutgoingDeal("opportunities/1", null, Long.toString(ada), fields(DealFields.TITLE, "New"))))
                .isInstanceOf(RetriableConnectorException.class)
                .hasMessageContaining("not sent again");
        assertThat(pipedrive.requests("POST", DealList.PATH)).hasSize(1);
        assertThat(pipedrive.dealCount()).isEqualTo(1);
    }

    @Test
    void withADealIdFieldACreateWhoseAnswerWasLostIsFoundByTheRetry() {
        String field = "5c1e7d2f9a0b4c3d8e6f1a2b3c4d5e6f7a8b9c0d";
        Map<String, String> config = pipedrive.config("deal_id_field", field);
        pipedrive.deal(11, ada, "Someone else's deal of Ada's");
        OutgoingDeal deal = new OutgoingDeal(
                "opportunities/1",
                null,
                Long.toString(ada),
                fields(DealFields.TITLE, "New", DealFields.AMOUNT, "10", DealFields.STAGE, "qualification"));
        pipedrive.loseAnswer("POST", DealList.PATH, 1);

        assertThatThrownBy(() -> write(config, deal)).isInstanceOf(RetriableConnectorException.class);
        List<WriteResult> retried = write(config, with(deal, DealFields.AMOUNT, "20"));

        assertThat(pipedrive.dealCount()).as("deal 11 and the one created once").isEqualTo(2);
        String id = retried.get(0).externalId();
        assertThat(retried).containsExactly(WriteResult.written("opportunities/1", id));
        assertThat(pipedrive
                        .dealById(Long.parseLong(id))
                        .path("custom_fields")
                        .path(field)
                        .asText())
                .isEqualTo("opportunities/1");
        assertThat(pipedrive.dealById(Long.parseLong(id)).path("value").asInt())
                .as("the retry updated what the lost attempt created")
                .isEqualTo(20);
        assertThat(pipedrive.requests("POST", DealList.PATH)).hasSize(1);
    }

    private static OutgoingDeal with(OutgoingDeal deal, String field, String value) {
        Map<String, String> fields = new LinkedHashMap<>(deal.fields());
        fields.put(field, value);
        return new OutgoingDeal(deal.hearthId(), deal.externalId(), deal.contactExternalId(), fields);
    }

    private List<WriteResult> write(Map<String, String> config, OutgoingDeal... deals) {
        try (DealWriter writer = harness.connector.openDealWriter(config)) {
            return writer.write(List.of(deals));
        }
    }

    private List<SourceRecord> readAll() {
        try (RecordReader reader = harness.connector.openDealReader(pipedrive.config(), null)) {
            Batch batch = reader.read(1000);
            assertThat(batch.last()).isTrue();
            return batch.records();
        }
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    private static JsonNode json(RecordedRequest request) throws IOException {
        return new ObjectMapper().readTree(request.body());
    }

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }
}
