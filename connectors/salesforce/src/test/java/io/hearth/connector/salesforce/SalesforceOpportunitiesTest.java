package io.hearth.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.SourceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Opportunities read against the fake: fields, the primary contact role, the incremental cursor, deletions. */
@Timeout(30)
class SalesforceOpportunitiesTest {
    private final FakeSalesforce salesforce = new FakeSalesforce();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final SalesforceConnector connector = Fixtures.connector(waits);

    @AfterEach
    void stop() {
        salesforce.close();
    }

    @Test
    void opportunitiesReadWithTheirPrimaryContactAndOutcomeThenOnlyTheirChanges() {
        salesforce.at("2026-12-01T09:00:00Z");
        String seats = salesforce.opportunity(
                "Name",
                "200 seats",
                "Amount",
                "25000.5",
                "StageName",
                "Proposal/Price Quote",
                "CloseDate",
                "2027-03-31",
                "OwnerId",
                "005fake0000000001AAA",
                "IsClosed",
                "false",
                "IsWon",
                "false",
                "LeadSource",
                "Web");
        String pilot = salesforce.opportunity(
                "Name",
                "Pilot",
                "Amount",
                "900",
                "StageName",
                "Closed Lost",
                "CloseDate",
                "2027-01-15",
                "IsClosed",
                "true",
                "IsWon",
                "false");
        salesforce.contactRole(seats, "003fake000000000002AAA", false);
        salesforce.contactRole(seats, "003fake000000000009AAA", true);
        salesforce.contactRole(pilot, "003fake000000000005AAA", false);
        salesforce.contactRole(pilot, "003fake000000000004AAA", false);
        Map<String, String> config = config();
        assertThat(connector.capabilities()).contains(Capability.READ_DEALS);

        List<Batch> first = read(config, null, 1);

        assertThat(first).hasSize(2);
        assertThat(first.get(1).last()).isTrue();
        List<SourceRecord> deals = records(first);
        assertThat(deals).extracting(SourceRecord::externalId).containsExactly(seats, pilot);
        assertThat(deals.get(0).fields())
                .containsEntry(DealFields.TITLE, "200 seats")
                .containsEntry(DealFields.AMOUNT, "25000.5")
                .containsEntry(DealFields.CURRENCY, "USD")
                .containsEntry(DealFields.STAGE, "Proposal/Price Quote")
                .containsEntry(DealFields.CLOSE_DATE, "2027-03-31")
                .containsEntry(DealFields.OWNER, "005fake0000000001AAA")
                .containsEntry(DealFields.LEAD_SOURCE, "Web")
                .containsEntry(DealFields.CONTACT_ID, "003fake000000000009AAA")
                .doesNotContainKey(DealFields.OUTCOME);
        assertThat(deals.get(1).fields())
                .as("no primary role: the lowest contact id")
                .containsEntry(DealFields.CONTACT_ID, "003fake000000000004AAA")
                .containsEntry(DealFields.OUTCOME, "lost");

        salesforce
                .at("2026-12-01T10:00:00Z")
                .change(seats, "StageName", "Closed Won", "IsClosed", "true", "IsWon", "true");
        salesforce.at("2026-12-01T10:05:00Z").delete(pilot);
        List<SourceRecord> changes = records(read(config, first.get(1).cursor(), 10));

        assertThat(changes).extracting(SourceRecord::externalId).containsExactly(seats, pilot);
        assertThat(changes.get(0).fields()).containsEntry(DealFields.OUTCOME, "won");
        assertThat(changes.get(1).change()).isEqualTo(SourceRecord.Change.DELETED);
        assertThat(records(read(
                        config, read(config, first.get(1).cursor(), 10).get(0).cursor(), 10)))
                .as("read again from its cursor: nothing")
                .isEmpty();
    }

    @Test
    void anOrgWithOneCurrencyNeedsDealCurrencyAndTheErrorSaysWhichField() {
        salesforce.at("2026-12-01T09:00:00Z").opportunity("Name", "Pilot", "StageName", "Prospecting");

        assertThatThrownBy(() -> read(salesforce.config(), null, 10))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("CurrencyIsoCode");
        assertThat(connector.validate(config("deal_currency", "dollars")))
                .singleElement()
                .satisfies(p -> assertThat(p.key()).isEqualTo("deal_currency"));
    }

    private Map<String, String> config(String... more) {
        Map<String, String> config = salesforce.config();
        config.put("deal_currency", "USD");
        for (int i = 0; i < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        return config;
    }

    private List<Batch> read(Map<String, String> config, String cursor, int batchSize) {
        List<Batch> batches = new ArrayList<>();
        try (RecordReader reader = connector.openDealReader(config, cursor)) {
            while (true) {
                Batch batch = reader.read(batchSize);
                batches.add(batch);
                if (batch.last()) {
                    return batches;
                }
            }
        }
    }

    private static List<SourceRecord> records(List<Batch> batches) {
        return batches.stream().flatMap(b -> b.records().stream()).toList();
    }
}
