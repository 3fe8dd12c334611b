package io.hearth.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.core.opportunity.PipelineStage;
import io.hearth.core.opportunity.PipelineStages;
import io.hearth.core.opportunity.StageMapping;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The StageName the deal writer gives each of Hearth's default stages by default ({@code stage_values})
 * reads back, through Hearth's own {@link StageMapping} and without any {@code stage.*} setting, as that
 * stage; and the StageNames the writer keeps for a stage ({@link StageValues#KNOWN}) are the ones core maps
 * onto it.
 */
class SalesforceDealStagesTest {
    private final StageMapping mapping = new StageMapping(PipelineStages.DEFAULT, Map.of());
    private final StageValues defaults = StageValues.parse(StageValues.DEFAULT);

    @Test
    void eachDefaultStageWrittenReadsBackAsItselfInHearth() {
        for (PipelineStage stage : PipelineStages.DEFAULT.stages()) {
            String stageName = defaults.toSalesforce(stage.key()).orElseThrow();
            assertThat(mapping.map(stageName))
                    .as(stageName)
                    .map(PipelineStage::key)
                    .contains(stage.key());
        }
    }

    @Test
    void aStageNameTheWriterKeepsIsOneCoreReadsAsTheSameStage() {
        for (String value : new String[] {
            "Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
            "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost"
        }) {
            assertThat(defaults.toHearth(value))
                    .as(value)
                    .isEqualTo(mapping.map(value).map(PipelineStage::key));
        }
    }
}
