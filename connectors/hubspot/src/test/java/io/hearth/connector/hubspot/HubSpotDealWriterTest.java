package io.hearth.connector.hubspot;

import static io.hearth.connector.hubspot.Fixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.DealWriter;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.OutgoingDeal;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.SourceRecord;
import io.hearth.connector.spi.WriteResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HubSpotDealWriterTest {
    private final Fixture fixture = new Fixture();
    private final FakeHubSpot hubspot = fixture.hubspot;

    @AfterEach
    void close() {
        fixture.close();
    }

    private List<WriteResult> write(List<OutgoingDeal> deals, String... config) {
        try (DealWriter writer = fixture.connector.openDealWriter(fixture.config(config))) {
            return writer.write(deals);
        }
    }

    private static OutgoingDeal deal(String hearthId, String externalId, String contactId, String... fields) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            values.put(fields[i], fields[i + 1]);
        }
        return new OutgoingDeal(hearthId, externalId, contactId, values);
    }

    /** A deal Hearth opened, as the write-back sends it: every value. */
    private static OutgoingDeal opened(String hearthId, String contactId, String stage) {
        return deal(
                hearthId,
                null,
                contactId,
                DealFields.TITLE,
                "200 seats",
                DealFields.AMOUNT,
                "25000.5",
                DealFields.CURRENCY,
                "EUR",
                DealFields.CLOSE_DATE,
                "2027-03-31",
                DealFields.STAGE,
                stage,
                DealFields.OUTCOME,
                "open");
    }

    private String onlyDealId() {
        assertThat(hubspot.deals()).hasSize(1);
        return Long.toString(hubspot.deals().get(0).id);
    }

    @Test
    void aNewDealIsUpsertedOnHearthsIdInThePipelineAndAssociatedWithItsContact() {
        hubspot.contact(501, T0, "email", "ada@example.com");

        List<WriteResult> results = write(List.of(opened("opportunities/1", "501", "needs_analysis")));

        String id = onlyDealId();
        assertThat(results).containsExactly(WriteResult.written("opportunities/1", id));
        FakeHubSpot.Deal deal = hubspot.deals().get(0);
        assertThat(deal.properties)
                .containsEntry("dealname", "200 seats")
                .containsEntry("amount", "25000.5")
                .containsEntry("deal_currency_code", "EUR")
                .containsEntry("closedate", "2027-03-31T00:00:00Z")
                .containsEntry("dealstage", "presentationscheduled")
                .containsEntry("pipeline", "default")
                .containsEntry("hearth_deal_id", "opportunities/1");
        assertThat(deal.contacts).containsExactly(501L);
        JsonNode input = FakeHubSpot.json(
                        hubspot.requests("POST", HubSpotDealWriter.UPSERT).get(0))
                .path("inputs")
                .path(0);
        assertThat(input.path("idProperty").asText()).isEqualTo("hearth_deal_id");
        assertThat(input.path("id").asText()).isEqualTo("opportunities/1");
    }

    @Test
    void severalDealsCreatedInOneCallEachGetTheirOwnId() {
        hubspot.contact(501, T0, "email", "ada@example.com");
        hubspot.contact(502, T0, "email", "grace@example.com");

        List<WriteResult> results = write(
                List.of(opened("opportunities/1", "501", "proposal"), opened("opportunities/2", "502", "negotiation")));

        assertThat(hubspot.requests("POST", HubSpotDealWriter.UPSERT)).hasSize(1);
        assertThat(results).allSatisfy(r -> assertThat(r.ok()).isTrue());
        for (WriteResult result : results) {
            FakeHubSpot.Deal deal = hubspot.deal(Long.parseLong(result.externalId()));
            assertThat(deal.properties).containsEntry("hearth_deal_id", result.hearthId());
        }
        assertThat(hubspot.deal(Long.parseLong(results.get(1).externalId())).contacts)
                .containsExactly(502L);
    }

    @Test
    void aCreateWrittenAgainAfterItsAnswerWasLostFindsTheDealItMade() {
        hubspot.contact(501, T0, "email", "ada@example.com");
        hubspot.loseNextDealUpsertReply();

        List<WriteResult> first = write(List.of(opened("opportunities/1", "501", "proposal")));
        List<WriteResult> again = write(List.of(opened("opportunities/1", "501", "proposal")));

        String id = onlyDealId();
        assertThat(hubspot.requests("POST", HubSpotDealWriter.UPSERT))
                .as("the lost answer's call sent again, then the second write")
                .hasSize(3);
        assertThat(first).containsExactly(WriteResult.written("opportunities/1", id));
        assertThat(again).containsExactly(WriteResult.written("opportunities/1", id));
        assertThat(hubspot.deals().get(0).contacts).containsExactly(501L);
    }

    @Test
    void aKnownDealIsUpdatedByItsIdWithTheFieldsGivenOnly() {
        hubspot.contact(501, T0, "email", "ada@example.com");
        hubspot.deal(7001, T0, List.of(501L), "dealname", "Pilot", "dealstage", "contractsent", "amount", "100");

        List<WriteResult> results = write(List.of(deal(
                "opportunities/1",
                "7001",
                "501",
                DealFields.STAGE,
                "closed_lost",
                DealFields.OUTCOME,
                "lost",
                DealFields.REASON,
                "went with a competitor")));

        assertThat(results).containsExactly(WriteResult.written("opportunities/1", "7001"));
        assertThat(FakeHubSpot.json(hubspot.requests("POST", HubSpotDealWriter.UPDATE)
                                .get(0))
                        .path("inputs")
                        .path(0)
                        .path("properties")
                        .properties())
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("dealstage", "closed_lost_reason");
        assertThat(hubspot.deal(7001).properties)
                .containsEntry("dealname", "Pilot")
                .containsEntry("dealstage", "closedlost")
                .containsEntry("closed_lost_reason", "went with a competitor");
        assertThat(hubspot.requests("POST", HubSpotDealWriter.UPSERT)).isEmpty();
    }

    @Test
    void eachRefusedDealFailsAloneWithItsReasonAndTheOthersAreWritten() {
        hubspot.contact(501, T0, "email", "ada@example.com");
        hubspot.deal(7001, T0, List.of(501L), "dealname", "Pilot", "dealstage", "contractsent");

        List<WriteResult> results = write(
                List.of(
                        deal("opportunities/1", "7001", "501", DealFields.STAGE, "proposal"),
                        deal("opportunities/2", "7999", "501", DealFields.STAGE, "proposal"),
                        deal("opportunities/3", "7001", "501", DealFields.STAGE, "demo"),
                        opened("opportunities/4", "501", "negotiation"),
                        opened("opportunities/5", null, "negotiation"),
                        opened("opportunities/6", "501", "negotiation"),
                        opened("opportunities/7", "999", "qualification")),
                "deal_stages",
                "proposal=decisionmakerboughtin,negotiation=custom_stage,qualification=appointmentscheduled");

        assertThat(results.get(0)).isEqualTo(WriteResult.written("opportunities/1", "7001"));
        assertThat(results.get(1).error()).contains("HubSpot deal 7999 was not updated");
        assertThat(results.get(2).error())
                .contains("Hearth's stage 'demo' has no HubSpot stage")
                .contains("deal_stages");
        assertThat(results.get(3).error()).contains("INVALID_OPTION").contains("custom_stage");
        assertThat(results.get(4).error()).contains("has no HubSpot contact id");
        assertThat(results.get(5).error()).contains("INVALID_OPTION");
        assertThat(results.get(6).error()).contains("was written but not associated with contact 999");
        assertThat(hubspot.deal(7001).properties).containsEntry("dealstage", "decisionmakerboughtin");
    }

    @Test
    void aDealInAnotherCurrencyThanTheAccountsIsRefusedAndOneInItsOwnGoesWithoutACode() {
        hubspot.contact(501, T0, "email", "ada@example.com");
        OutgoingDeal dollars = deal(
                "opportunities/2",
                null,
                "501",
                DealFields.TITLE,
                "Dollars",
                DealFields.AMOUNT,
                "10",
                DealFields.CURRENCY,
                "USD",
                DealFields.STAGE,
                "proposal");

        List<WriteResult> results =
                write(List.of(opened("opportunities/1", "501", "proposal"), dollars), "deal_currency", "EUR");

        assertThat(results.get(0).ok()).isTrue();
        assertThat(results.get(1).error()).contains("USD").contains("keeps its deals in EUR");
        assertThat(hubspot.deals())
                .singleElement()
                .satisfies(d -> assertThat(d.properties).doesNotContainKey("deal_currency_code"));
    }

    @Test
    void anAccountWithoutHearthsIdPropertyStopsTheWriteSayingWhatToCreate() {
        hubspot.contact(501, T0, "email", "ada@example.com");
        hubspot.withoutDealProperties("hearth_deal_id");

        assertThatThrownBy(() -> write(List.of(opened("opportunities/1", "501", "proposal"))))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("HubSpot has no deal property 'hearth_deal_id'");
        assertThat(hubspot.deals()).isEmpty();
    }

    @Test
    void aDealItCreatedReadsBackAsTheSameValues() {
        hubspot.contact(501, T0, "email", "ada@example.com");
        write(List.of(opened("opportunities/1", "501", "proposal")));

        SourceRecord read;
        try (RecordReader reader = fixture.connector.openDealReader(fixture.config(), null)) {
            Batch batch = reader.read(100);
            read = batch.records().get(0);
        }

        assertThat(read.externalId()).isEqualTo(onlyDealId());
        assertThat(read.fields())
                .containsEntry(DealFields.TITLE, "200 seats")
                .containsEntry(DealFields.AMOUNT, "25000.5")
                .containsEntry(DealFields.CURRENCY, "EUR")
                .containsEntry(DealFields.STAGE, "decisionmakerboughtin")
                .containsEntry(DealFields.CONTACT_ID, "501")
                .doesNotContainKey(DealFields.OUTCOME);
        assertThat(read.fields().get(DealFields.CLOSE_DATE)).startsWith("2027-03-31");
    }

    @Test
    void badDealSettingsAreNamed() {
        assertThat(fixture.connector.validate(fixture.config(
                        "deal_stages", "proposal=decisionmakerboughtin,proposal=contractsent,won",
                        "deal_pipeline", "Sales Pipeline",
                        "deal_id_property", "Hearth ID")))
                .extracting(p -> p.key() + ": " + p.message())
                .anySatisfy(p -> assertThat(p).startsWith("deal_stages: names the stage 'proposal' twice"))
                .anySatisfy(p -> assertThat(p).startsWith("deal_stages: has 'won'"))
                .anySatisfy(p -> assertThat(p).startsWith("deal_pipeline: must be a pipeline's id"))
                .anySatisfy(p -> assertThat(p).startsWith("deal_id_property: must be a HubSpot property"));
    }
}
