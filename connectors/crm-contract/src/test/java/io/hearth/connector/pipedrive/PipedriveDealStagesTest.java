package io.hearth.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.DealWriter;
import io.hearth.connector.spi.OutgoingDeal;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.SourceRecord;
import io.hearth.connector.spi.WriteResult;
import io.hearth.core.opportunity.PipelineStage;
import io.hearth.core.opportunity.PipelineStages;
import io.hearth.core.opportunity.StageMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stage the deal writer gives each of Hearth's default stages reads back, through Hearth's own
 * {@link StageMapping} and without any {@code stage.*} setting, as that stage: the writer's table of
 * Pipedrive's default pipeline ({@link DealStages#KNOWN}) agrees with core's.
 */
@Timeout(30)
class PipedriveDealStagesTest {
    private final FakePipedrive pipedrive = new FakePipedrive();
    private final Harness harness = new Harness(pipedrive);

    @AfterEach
    void stop() {
        pipedrive.close();
    }

    @Test
    void eachDefaultStageWrittenReadsBackAsItselfInHearth() {
        List<String> names =
                List.of("Qualified", "Contact Made", "Demo Scheduled", "Proposal Made", "Negotiations Started");
        for (int i = 0; i < names.size(); i++) {
            pipedrive.stage(i + 1, names.get(i));
        }
        long person = pipedrive
                .person("Ada", "Lovelace", "ada@example.com")
                .path("id")
                .asLong();
        List<OutgoingDeal> deals = new ArrayList<>();
        for (PipelineStage stage : PipelineStages.DEFAULT.stages()) {
            String outcome = stage.closing() ? stage.outcome().name().toLowerCase(java.util.Locale.ROOT) : "open";
            deals.add(new OutgoingDeal(
                    "opportunities/" + stage.key(),
                    null,
                    Long.toString(person),
                    Map.of(
                            DealFields.TITLE,
                            stage.displayName(),
                            DealFields.STAGE,
                            stage.key(),
                            DealFields.OUTCOME,
                            outcome)));
        }

        List<WriteResult> results;
        try (DealWriter writer = harness.connector.openDealWriter(pipedrive.config())) {
            results = writer.write(deals);
        }
        List<SourceRecord> read;
        try (RecordReader reader = harness.connector.openDealReader(pipedrive.config(), null)) {
            Batch batch = reader.read(1000);
            read = batch.records();
        }

        StageMapping mapping = new StageMapping(PipelineStages.DEFAULT, Map.of());
        for (int i = 0; i < deals.size(); i++) {
            String id = results.get(i).externalId();
            Map<String, String> back = read.stream()
                    .filter(r -> r.externalId().equals(id))
                    .findFirst()
                    .orElseThrow()
                    .fields();
            String key = deals.get(i).fields().get(DealFields.STAGE);
            String outcome = back.get(DealFields.OUTCOME);
            // as core's DealImport: a won or lost outcome wins over the stage
            String hearthStage = outcome.equals("won")
                    ? "closed_won"
                    : outcome.equals("lost")
                            ? "closed_lost"
                            : mapping.map(back.get(DealFields.STAGE))
                                    .orElseThrow()
                                    .key();
            assertThat(hearthStage)
                    .as(key + " read back from " + back.get(DealFields.STAGE))
                    .isEqualTo(key);
        }
    }

    @Test
    void aStageNameTheWriterTakesForAStageIsOneCoreReadsAsThatStage() {
        StageMapping mapping = new StageMapping(PipelineStages.DEFAULT, Map.of());
        DealStages.KNOWN.forEach((key, names) -> names.forEach(name ->
                assertThat(mapping.map(name)).as(name).map(PipelineStage::key).contains(key)));
    }
}
