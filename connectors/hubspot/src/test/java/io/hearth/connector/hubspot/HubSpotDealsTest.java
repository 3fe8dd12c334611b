package io.hearth.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.SourceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HubSpot deals read against the fake: properties, the associated contact, paging as the cursor. */
class HubSpotDealsTest {
    private final Fixture fixture = new Fixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void dealsReadWithTheirContactStageAndOutcomeAndTheCursorPagesThem() {
        fixture.hubspot.deal(
                501,
                Fixture.T0,
                List.of(1203L, 1201L),
                "dealname",
                "200 seats",
                "amount",
                "25000.5",
                "deal_currency_code",
                "EUR",
                "dealstage",
                "presentationscheduled",
                "closedate",
                "2027-03-31T00:00:00Z",
                "hubspot_owner_id",
                "77",
                "hs_is_closed",
                "false");
        fixture.hubspot.deal(
                502,
                Fixture.T0,
                List.of(1202L),
                "dealname",
                "Pilot",
                "amount",
                "900",
                "dealstage",
                "closedlost",
                "closedate",
                "2027-01-15T00:00:00Z",
                "hs_is_closed",
                "true",
                "hs_is_closed_won",
                "false",
                "closed_lost_reason",
                "Too expensive");
        fixture.hubspot.deal(503, Fixture.T0, List.of(), "dealname", "Orphan", "dealstage", "contractsent");
        assertThat(fixture.connector.capabilities()).contains(Capability.READ_DEALS);

        List<Batch> batches = new ArrayList<>();
        try (RecordReader reader = fixture.connector.openDealReader(fixture.config("deal_currency", "USD"), null)) {
            batches.add(reader.read(2));
        }
        try (RecordReader reader = fixture.connector.openDealReader(
                fixture.config("deal_currency", "USD"), batches.get(0).cursor())) {
            batches.add(reader.read(2));
        }

        assertThat(batches.get(0).last()).isFalse();
        assertThat(batches.get(0).cursor()).isEqualTo("503");
        assertThat(batches.get(1).last()).isTrue();
        assertThat(batches.get(1).cursor())
                .as("a complete read starts over next time")
                .isEmpty();
        List<SourceRecord> deals =
                batches.stream().flatMap(b -> b.records().stream()).toList();
        assertThat(deals).extracting(SourceRecord::externalId).containsExactly("501", "502", "503");
        assertThat(deals.get(0).modifiedAt()).isEqualTo(Instant.ofEpochMilli(Fixture.T0));
        assertThat(deals.get(0).fields())
                .containsEntry(DealFields.TITLE, "200 seats")
                .containsEntry(DealFields.AMOUNT, "25000.5")
                .containsEntry(DealFields.CURRENCY, "EUR")
                .containsEntry(DealFields.STAGE, "presentationscheduled")
                .containsEntry(DealFields.CLOSE_DATE, "2027-03-31T00:00:00Z")
                .containsEntry(DealFields.OWNER, "77")
                .containsEntry(DealFields.CONTACT_ID, "1201")
                .doesNotContainKey(DealFields.OUTCOME);
        assertThat(deals.get(1).fields())
                .containsEntry(DealFields.CURRENCY, "USD")
                .containsEntry(DealFields.OUTCOME, "lost")
                .containsEntry(DealFields.REASON, "Too expensive")
                .containsEntry(DealFields.CONTACT_ID, "1202");
        assertThat(deals.get(2).fields()).doesNotContainKey(DealFields.CONTACT_ID);
    }

    @Test
    void aTokenWithoutTheDealsScopeFailsTheReadNamingTheScope() {
        fixture.hubspot.scopes(FakeHubSpot.READ_SCOPE);

        assertThatThrownBy(() -> {
                    try (RecordReader reader = fixture.connector.openDealReader(fixture.config(), null)) {
                        reader.read(10);
                    }
                })
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("crm.objects.deals.read");
    }

    @Test
    void aDealCurrencyThatIsNoCodeIsAConfigProblem() {
        assertThat(fixture.connector.validate(fixture.config("deal_currency", "euro")))
                .singleElement()
                .satisfies(p -> assertThat(p.key()).isEqualTo("deal_currency"));
    }
}
