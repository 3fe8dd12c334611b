package io.hearth.core.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StageMappingTest {
    private final StageMapping defaults = new StageMapping(PipelineStages.DEFAULT, Map.of());

    @Test
    void hearthsOwnStagesAndTheCrmsDefaultPipelinesMapByThemselves() {
        assertThat(key("Needs Analysis")).isEqualTo("needs_analysis");
        assertThat(key("closed_won")).isEqualTo("closed_won");
        assertThat(key("appointmentscheduled")).isEqualTo("qualification");
        assertThat(key("contractsent")).isEqualTo("negotiation");
        assertThat(key("Proposal/Price Quote")).isEqualTo("proposal");
        assertThat(key("Closed Lost")).isEqualTo("closed_lost");
        assertThat(key("Proposal Made")).isEqualTo("proposal");
    }

    @Test
    void anUnknownStageMapsToNothingAndSaysHowToMapIt() {
        assertThat(defaults.map("1234567")).isEmpty();
        assertThat(defaults.map(" ")).isEmpty();
        assertThat(defaults.unmapped("1234567"))
                .isEqualTo("stage '1234567' is not a stage Hearth knows; map it in the connection or import settings"
                        + " with stage.1234567=<one of [qualification, needs_analysis, proposal, negotiation,"
                        + " closed_won, closed_lost]>");
    }

    @Test
    void anExplicitMappingWinsOverTheDefaults() {
        StageMapping mapped =
                new StageMapping(PipelineStages.DEFAULT, Map.of("1234567", "proposal", "contractsent", "proposal"));

        assertThat(mapped.map("1234567").orElseThrow().key()).isEqualTo("proposal");
        assertThat(mapped.map("contractsent").orElseThrow().key()).isEqualTo("proposal");
        assertThatThrownBy(() -> new StageMapping(PipelineStages.DEFAULT, Map.of("x", "champagne")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private String key(String stage) {
        return defaults.map(stage).orElseThrow().key();
    }
}
