package io.hearth.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pipedrive deals read against the fake: fields, stage names, status as outcome, the cursor. */
class PipedriveDealsTest {
    private final FakePipedrive pipedrive = new FakePipedrive();
    private final Harness harness = new Harness(pipedrive);

    @AfterEach
    void close() {
        pipedrive.close();
    }

    @Test
    void dealsReadWithTheirPersonStageNameAndStatusAndTheCursorPagesThem() {
        pipedrive.stage(1, "Qualified");
        pipedrive.stage(4, "Proposal Made");
        pipedrive.deal(11, 501, "200 seats", "value", "25000.5", "stage_id", "4", "expected_close_date", "2027-03-31");
        pipedrive.deal(12, 502, "Pilot", "status", "lost", "lost_reason", "Too expensive");
        pipedrive.deal(13, 501, "Renewal", "status", "won", "stage_id", "99");
        assertThat(harness.connector.capabilities()).contains(Capability.READ_DEALS);
        Map<String, String> config = pipedrive.config("page_size", "2");

        List<Batch> batches = new ArrayList<>();
        try (RecordReader reader = harness.connector.openDealReader(config, null)) {
            batches.add(reader.read(1000));
        }
        try (RecordReader reader =
                harness.connector.openDealReader(config, batches.get(0).cursor())) {
            batches.add(reader.read(1000));
        }

        assertThat(batches.get(0).last()).isFalse();
        assertThat(batches.get(1).last()).isTrue();
        assertThat(batches.get(1).cursor())
                .as("a complete read starts over next time")
                .isEmpty();
        List<SourceRecord> deals =
                batches.stream().flatMap(b -> b.records().stream()).toList();
        assertThat(deals).extracting(SourceRecord::externalId).containsExactly("11", "12", "13");
        assertThat(deals.get(0).fields())
                .containsEntry(DealFields.TITLE, "200 seats")
                .containsEntry(DealFields.AMOUNT, "25000.5")
                .containsEntry(DealFields.CURRENCY, "EUR")
                .containsEntry(DealFields.STAGE, "Proposal Made")
                .containsEntry(DealFields.CLOSE_DATE, "2027-03-31")
                .containsEntry(DealFields.OWNER, "7")
                .containsEntry(DealFields.OUTCOME, "open")
                .containsEntry(DealFields.CONTACT_ID, "501");
        assertThat(deals.get(1).fields())
                .containsEntry(DealFields.STAGE, "Qualified")
                .containsEntry(DealFields.OUTCOME, "lost")
                .containsEntry(DealFields.REASON, "Too expensive");
        assertThat(deals.get(2).fields())
                .as("a stage Pipedrive no longer lists goes by its id")
                .containsEntry(DealFields.STAGE, "99")
                .containsEntry(DealFields.OUTCOME, "won");
    }
}
