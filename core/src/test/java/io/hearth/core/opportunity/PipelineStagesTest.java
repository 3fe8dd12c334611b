package io.hearth.core.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.InvalidArgumentException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineStagesTest {
    private static final PipelineStages DEFAULT = PipelineStages.DEFAULT;

    @Test
    void theDefaultPipelineIsOrderedWithRisingProbabilitiesAndOneWonAndOneLostStage() {
        assertThat(DEFAULT.stages())
                .extracting(PipelineStage::key)
                .containsExactly(
                        "qualification", "needs_analysis", "proposal", "negotiation", "closed_won", "closed_lost");
        assertThat(DEFAULT.stages().stream().filter(s -> !s.closing()).map(PipelineStage::probability))
                .isSorted()
                .allSatisfy(p -> assertThat(p).isBetween(1, 99));
        assertThat(DEFAULT.stages().stream().filter(s -> !s.closing()))
                .allSatisfy(s -> assertThat(s.stallDays()).isPositive());
        assertThat(DEFAULT.first().key()).isEqualTo("qualification");
        assertThat(DEFAULT.closingStage(Outcome.WON).probability()).isEqualTo(100);
        assertThat(DEFAULT.closingStage(Outcome.LOST).probability()).isZero();
    }

    @Test
    void stagesAreNamedAsPeopleWriteThemAndOnlyOpenOnesAreMovedTo() {
        assertThat(DEFAULT.named("Needs analysis", "stage").key()).isEqualTo("needs_analysis");
        assertThat(DEFAULT.named(" needs-analysis ", "stage").key()).isEqualTo("needs_analysis");
        assertThat(DEFAULT.openStageNamed("PROPOSAL", "stage").key()).isEqualTo("proposal");
        assertThatThrownBy(() -> DEFAULT.named("signed", "opportunity.stage"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("opportunity.stage");
                            assertThat(v.description()).contains("qualification", "closed_lost");
                        }));
        assertThatThrownBy(() -> DEFAULT.openStageNamed("closed won", "stage"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.getMessage()).contains("close it"));
    }

    @Test
    void aPipelineNeedsUniqueKeysAnOpenStageAndExactlyOneWonAndOneLostStage() {
        PipelineStage open = new PipelineStage("open", "Open", 50, 7, Outcome.OPEN);
        PipelineStage won = new PipelineStage("won", "Won", 100, 0, Outcome.WON);
        PipelineStage lost = new PipelineStage("lost", "Lost", 0, 0, Outcome.LOST);

        assertThat(new PipelineStages(List.of(open, won, lost)).first()).isEqualTo(open);
        assertThatThrownBy(() -> new PipelineStages(List.of(open, open, won, lost)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PipelineStages(List.of(won, lost))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PipelineStages(List.of(open, won))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PipelineStage("Bad Key", "x", 1, 1, Outcome.OPEN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PipelineStage("p", "x", 101, 1, Outcome.OPEN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
