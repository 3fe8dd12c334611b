package io.hearth.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.connector.crm.http.fake.FakeReply;
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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Deals written as Opportunities to the fake org: creates with contact roles, updates, refusals, faults. */
@Timeout(30)
class SalesforceDealWriterTest {
    private static final String DEAL_ID_FIELD = "Hearth_Deal_Id__c";

    private final FakeSalesforce salesforce = new FakeSalesforce();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final SalesforceConnector connector = Fixtures.connector(waits);
    private String ada;
    private String alan;
    private String rep;

    @BeforeEach
    void org() {
        ada = salesforce.contact("FirstName", "Ada", "LastName", "Lovelace", "Email", "ada@example.com");
        alan = salesforce.contact("FirstName", "Alan", "LastName", "Turing", "Email", "alan@example.com");
        rep = salesforce.user("rep@example.com");
    }

    @AfterEach
    void stop() {
        salesforce.close();
    }

    @Test
    void aNewDealBecomesAnOpportunityWithItsContactAsThePrimaryRole() {
        assertThat(connector.capabilities()).contains(Capability.WRITE_DEALS);

        List<WriteResult> results = write(
                singleCurrency(),
                new OutgoingDeal(
                        "opportunities/1",
                        null,
                        ada,
                        fields(
                                DealFields.TITLE, "200 seats",
                                DealFields.AMOUNT, "12500.50",
                                DealFields.CURRENCY, "eur",
                                DealFields.STAGE, "proposal",
                                DealFields.CLOSE_DATE, "2027-03-31",
                                DealFields.OWNER, "REP@example.com",
                                DealFields.OUTCOME, "open",
                                DealFields.CONTACT, "contacts/1")));

        String id = results.get(0).externalId();
        assertThat(results).containsExactly(WriteResult.written("opportunities/1", id));
        assertThat(id).startsWith("006");
        ObjectNode opportunity = salesforce.record(id);
        assertThat(opportunity.path("Name").asText()).isEqualTo("200 seats");
        assertThat(new BigDecimal(opportunity.path("Amount").asText())).isEqualByComparingTo("12500.50");
        assertThat(opportunity.path("StageName").asText()).isEqualTo("Proposal/Price Quote");
        assertThat(opportunity.path("CloseDate").asText()).isEqualTo("2027-03-31");
        assertThat(opportunity.path("OwnerId").asText())
                .as("the owner's email, in any case, is the active user's id")
                .isEqualTo(rep);
        assertThat(opportunity.has("CurrencyIsoCode"))
                .as("a single-currency org has no CurrencyIsoCode")
                .isFalse();
        assertThat(salesforce.contactRoles()).singleElement().satisfies(role -> {
            assertThat(role.path("OpportunityId").asText()).isEqualTo(id);
            assertThat(role.path("ContactId").asText()).isEqualTo(ada);
            assertThat(role.path("IsPrimary").asBoolean()).isTrue();
        });
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameDeal() {
        salesforce.multiCurrency();
        String existing = salesforce.opportunity(
                "Name",
                "Renewal",
                "StageName",
                "Prospecting",
                "CloseDate",
                "2027-01-01",
                "Amount",
                "100",
                "CurrencyIsoCode",
                "EUR",
                "IsClosed",
                "false",
                "IsWon",
                "false");
        salesforce.contactRole(existing, alan, true);
        List<OutgoingDeal> deals = List.of(
                new OutgoingDeal(
                        "opportunities/1",
                        null,
                        ada,
                        fields(
                                DealFields.TITLE, "200 seats",
                                DealFields.AMOUNT, "12500.50",
                                DealFields.CURRENCY, "USD",
                                DealFields.STAGE, "negotiation",
                                DealFields.CLOSE_DATE, "2027-03-31",
                                DealFields.OWNER, rep,
                                DealFields.OUTCOME, "open")),
                new OutgoingDeal(
                        "opportunities/2",
                        null,
                        alan,
                        fields(
                                DealFields.TITLE, "Pilot",
                                DealFields.AMOUNT, "900",
                                DealFields.CURRENCY, "EUR",
                                DealFields.STAGE, "closed_lost",
                                DealFields.CLOSE_DATE, "2027-01-15",
                                DealFields.OWNER, rep,
                                DealFields.OUTCOME, "lost",
                                DealFields.REASON, "Went with a competitor")),
                new OutgoingDeal(
                        "opportunities/3",
                        null,
                        ada,
                        fields(
                                DealFields.TITLE, "Upsell",
                                DealFields.AMOUNT, "4000",
                                DealFields.CURRENCY, "EUR",
                                DealFields.STAGE, "closed_won",
                                DealFields.CLOSE_DATE, "2026-11-30",
                                DealFields.OWNER, rep,
                                DealFields.OUTCOME, "won")),
                new OutgoingDeal(
                        "opportunities/4",
                        existing,
                        alan,
                        fields(
                                DealFields.TITLE, "Renewal 2027",
                                DealFields.AMOUNT, "2500.75",
                                DealFields.CURRENCY, "EUR",
                                DealFields.STAGE, "needs_analysis",
                                DealFields.CLOSE_DATE, "2027-06-30",
                                DealFields.OWNER, rep,
                                DealFields.OUTCOME, "open")));

        List<WriteResult> results = write(salesforce.config(), deals.toArray(OutgoingDeal[]::new));
        assertThat(results).extracting(WriteResult::ok).containsExactly(true, true, true, true);

        Map<String, SourceRecord> read = readAll(salesforce.config()).stream()
                .collect(Collectors.toMap(SourceRecord::externalId, Function.identity()));
        StageValues stages = StageValues.parse(StageValues.DEFAULT);
        for (int i = 0; i < deals.size(); i++) {
            OutgoingDeal sent = deals.get(i);
            Map<String, String> back = read.get(results.get(i).externalId()).fields();
            for (String field :
                    List.of(DealFields.TITLE, DealFields.CURRENCY, DealFields.CLOSE_DATE, DealFields.OWNER)) {
                assertThat(back.get(field))
                        .as(sent.hearthId() + " " + field)
                        .isEqualTo(sent.fields().get(field));
            }
            assertThat(new BigDecimal(back.get(DealFields.AMOUNT)))
                    .as(sent.hearthId() + " amount")
                    .isEqualByComparingTo(sent.fields().get(DealFields.AMOUNT));
            assertThat(back.get(DealFields.CONTACT_ID))
                    .as(sent.hearthId() + " contact")
                    .isEqualTo(sent.contactExternalId());
            assertThat(stages.toHearth(back.get(DealFields.STAGE)))
                    .as(sent.hearthId() + " stage")
                    .contains(sent.fields().get(DealFields.STAGE));
            // the reader gives an outcome for closed Opportunities only: an open one's stage says it
            assertThat(back.getOrDefault(DealFields.OUTCOME, "open"))
                    .as(sent.hearthId() + " outcome")
                    .isEqualTo(sent.fields().get(DealFields.OUTCOME));
        }
        assertThat(read.get(existing).fields()).containsEntry(DealFields.STAGE, "Needs Analysis");
        assertThat(salesforce.contactRoles())
                .as("the updated Opportunity already had its contact: no second role")
                .hasSize(4);
    }

    @Test
    void anUpdateKeepsAStageNameThatAlreadyStandsForHearthsStage() throws IOException {
        String valueProposition = salesforce.opportunity(
                "Name", "Fine-grained", "StageName", "Value Proposition", "CloseDate", "2027-01-01");
        String prospecting =
                salesforce.opportunity("Name", "Moving on", "StageName", "Prospecting", "CloseDate", "2027-01-01");

        List<WriteResult> results = write(
                singleCurrency(),
                new OutgoingDeal(
                        "opportunities/1",
                        valueProposition,
                        null,
                        fields(
                                DealFields.STAGE,
                                "needs_analysis",
                                DealFields.AMOUNT,
                                "300",
                                DealFields.OUTCOME,
                                "open")),
                new OutgoingDeal("opportunities/2", prospecting, null, fields(DealFields.STAGE, "proposal")));

        assertThat(results)
                .containsExactly(
                        WriteResult.written("opportunities/1", valueProposition),
                        WriteResult.written("opportunities/2", prospecting));
        JsonNode sent = new ObjectMapper()
                .readTree(salesforce
                        .crm
                        .requests("PATCH", FakeSalesforce.DATA + "/composite/sobjects")
                        .get(0)
                        .body());
        assertThat(sent.path("records").get(0).has("StageName"))
                .as("Value Proposition is a needs analysis stage: kept")
                .isFalse();
        assertThat(sent.path("records").get(0).has("CloseDate"))
                .as("a deal without a close date leaves the Opportunity's")
                .isFalse();
        assertThat(salesforce.record(valueProposition).path("Amount").asText()).isEqualTo("300");
        assertThat(salesforce.record(prospecting).path("StageName").asText()).isEqualTo("Proposal/Price Quote");
    }

    @Test
    void aDealWithNothingToChangeIsNotSentSoItsEchoDoesNotComeBack() {
        // lost in Hearth with a reason Salesforce has no field for, already Closed Lost there
        String lost = salesforce.opportunity(
                "Name", "Pilot", "StageName", "Closed Lost", "CloseDate", "2027-01-01", "IsClosed", "true");
        String modstamp = salesforce.record(lost).path("SystemModstamp").asText();
        salesforce.at("2027-01-02T09:00:00Z");

        List<WriteResult> results = write(
                singleCurrency(),
                new OutgoingDeal(
                        "opportunities/1",
                        lost,
                        null,
                        fields(
                                DealFields.STAGE,
                                "closed_lost",
                                DealFields.OUTCOME,
                                "lost",
                                DealFields.REASON,
                                "went with a competitor")));

        assertThat(results).containsExactly(WriteResult.written("opportunities/1", lost));
        assertThat(salesforce.crm.requests("PATCH", FakeSalesforce.DATA + "/composite/sobjects"))
                .as("no update")
                .isEmpty();
        assertThat(salesforce.record(lost).path("SystemModstamp").asText())
                .as("so the next read does not bring it back")
                .isEqualTo(modstamp);
    }

    @Test
    void aRefusedDealIsAFailedResultAndTheOthersAreWritten() {
        String deleted = salesforce.opportunity("Name", "Gone", "StageName", "Prospecting", "CloseDate", "2027-01-01");
        salesforce.delete(deleted);
        String guarded =
                salesforce.opportunity("Name", "Guarded", "StageName", "Prospecting", "CloseDate", "2027-01-01");
        salesforce.refuse(guarded, "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Amount cannot drop");
        String fine = salesforce.opportunity("Name", "Fine", "StageName", "Prospecting", "CloseDate", "2027-01-01");
        salesforce.refuseNew("Blocked", "FIELD_CUSTOM_VALIDATION_EXCEPTION", "No deals on Sundays");
        String lead = salesforce.lead("LastName", "Lead", "Company", "Acme", "Email", "lead@example.com");
        Map<String, String> complete =
                fields(DealFields.TITLE, "New", DealFields.STAGE, "qualification", DealFields.CLOSE_DATE, "2027-02-01");

        List<WriteResult> results = write(
                singleCurrency(),
                new OutgoingDeal(
                        "opportunities/1",
                        null,
                        ada,
                        fields(DealFields.TITLE, "Undated", DealFields.STAGE, "proposal")),
                new OutgoingDeal("opportunities/2", deleted, null, fields(DealFields.AMOUNT, "1")),
                new OutgoingDeal("opportunities/3", guarded, null, fields(DealFields.AMOUNT, "1")),
                new OutgoingDeal("opportunities/4", null, ada, with(complete, DealFields.TITLE, "Blocked")),
                new OutgoingDeal("opportunities/5", null, lead, complete),
                new OutgoingDeal("opportunities/6", null, ada, with(complete, DealFields.STAGE, "discovery")),
                new OutgoingDeal(
                        "opportunities/7", fine, null, fields(DealFields.AMOUNT, "7", DealFields.CURRENCY, "USD")),
                new OutgoingDeal("opportunities/8", null, null, complete),
                new OutgoingDeal("opportunities/9", fine, null, fields(DealFields.AMOUNT, "9")),
                new OutgoingDeal("opportunities/10", null, alan, complete));

        assertThat(results)
                .extracting(WriteResult::hearthId)
                .containsExactly(
                        "opportunities/1",
                        "opportunities/2",
                        "opportunities/3",
                        "opportunities/4",
                        "opportunities/5",
                        "opportunities/6",
                        "opportunities/7",
                        "opportunities/8",
                        "opportunities/9",
                        "opportunities/10");
        assertThat(results.get(0).error()).contains("needs an expected close date (CloseDate");
        assertThat(results.get(1).error())
                .isEqualTo("Salesforce has no Opportunity " + deleted + " (deleted in Salesforce?)");
        assertThat(results.get(2).error())
                .isEqualTo("Salesforce refused Opportunity " + guarded
                        + ": FIELD_CUSTOM_VALIDATION_EXCEPTION: Amount cannot drop");
        assertThat(results.get(3).error())
                .isEqualTo(
                        "Salesforce refused the new Opportunity: FIELD_CUSTOM_VALIDATION_EXCEPTION: No deals on Sundays");
        assertThat(results.get(4).error())
                .contains("the Salesforce Lead " + lead)
                .contains("convert the Lead");
        assertThat(results.get(5).error()).contains("'discovery'").contains("stage_values");
        assertThat(results.get(6).error()).contains("in USD").contains("EUR only");
        assertThat(results.get(7).error()).contains("write the contact first");
        assertThat(results.get(8)).isEqualTo(WriteResult.written("opportunities/9", fine));
        assertThat(results.get(9).ok()).isTrue();
        assertThat(salesforce.record(fine).path("Amount").asText()).isEqualTo("9");
        assertThat(salesforce.opportunities().stream()
                        .filter(o -> o.path("Name").asText().equals("New")))
                .as("only the complete deal with a contact was created")
                .hasSize(1);
    }

    @Test
    void withADealIdFieldACreateWhoseAnswerWasLostIsFoundByTheRetry() {
        salesforce.opportunityField(DEAL_ID_FIELD);
        Map<String, String> config = singleCurrency();
        config.put("deal_id_field", DEAL_ID_FIELD);
        OutgoingDeal deal = new OutgoingDeal(
                "opportunities/1",
                null,
                ada,
                fields(
                        DealFields.TITLE,
                        "New",
                        DealFields.STAGE,
                        "qualification",
                        DealFields.CLOSE_DATE,
                        "2027-02-01"));
        salesforce.dropAnswerAfterCreate();

        assertThatThrownBy(() -> write(config, deal))
                .isInstanceOf(RetriableConnectorException.class)
                .hasMessageContaining("not sent again");
        List<WriteResult> retried = write(config, deal);

        assertThat(salesforce.opportunities()).singleElement().satisfies(opportunity -> {
            assertThat(opportunity.path(DEAL_ID_FIELD).asText()).isEqualTo("opportunities/1");
            assertThat(retried)
                    .containsExactly(WriteResult.written(
                            "opportunities/1", opportunity.path("Id").asText()));
        });
        assertThat(salesforce.contactRoles())
                .as("the role the lost attempt never made, made by the retry")
                .singleElement()
                .satisfies(role -> assertThat(role.path("ContactId").asText()).isEqualTo(ada));
    }

    @Test
    void withoutOneTheLostCreateIsNotSentAgainAndOutagesAreRetriable() {
        OutgoingDeal deal = new OutgoingDeal(
                "opportunities/1",
                null,
                ada,
                fields(
                        DealFields.TITLE,
                        "New",
                        DealFields.STAGE,
                        "qualification",
                        DealFields.CLOSE_DATE,
                        "2027-02-01"));
        salesforce.dropAnswerAfterCreate();

        assertThatThrownBy(() -> write(singleCurrency(), deal)).isInstanceOf(RetriableConnectorException.class);
        assertThat(salesforce.crm.requests("POST", FakeSalesforce.DATA + "/composite/sobjects"))
                .hasSize(1);

        String existing = salesforce.opportunities().get(0).path("Id").asText();
        salesforce.interrupt("update", FakeReply.status(502));
        assertThat(write(
                        singleCurrency(),
                        new OutgoingDeal("opportunities/1", existing, null, fields(DealFields.AMOUNT, "5"))))
                .containsExactly(WriteResult.written("opportunities/1", existing));
        assertThat(waits).containsExactly(Duration.ofSeconds(1));

        FakeReply[] outage = new FakeReply[8];
        java.util.Arrays.fill(outage, FakeReply.status(503));
        salesforce.interrupt("update", outage);
        assertThatThrownBy(() -> write(
                        singleCurrency(),
                        new OutgoingDeal("opportunities/1", existing, null, fields(DealFields.AMOUNT, "6"))))
                .isInstanceOf(RetriableConnectorException.class);
    }

    private Map<String, String> singleCurrency() {
        Map<String, String> config = salesforce.config();
        config.put("deal_currency", "EUR");
        return config;
    }

    private List<WriteResult> write(Map<String, String> config, OutgoingDeal... deals) {
        try (DealWriter writer = connector.openDealWriter(config)) {
            return writer.write(List.of(deals));
        }
    }

    private List<SourceRecord> readAll(Map<String, String> config) {
        try (RecordReader reader = connector.openDealReader(config, null)) {
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

    private static Map<String, String> with(Map<String, String> fields, String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(fields);
        changed.put(name, value);
        return changed;
    }
}
