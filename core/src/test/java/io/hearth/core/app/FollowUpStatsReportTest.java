package io.hearth.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.core.person.LeadSource;
import io.hearth.core.touch.FollowUpStats;
import io.hearth.core.touch.FollowUpStatsStore.LeadConversionFact;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowUpStatsReportTest {
    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        FollowUpStats stats = FollowUpStatsReport.compute(List.of(), List.of(), List.of(5, 1, 4, 2), 0);
        assertThat(stats.medianTouchesToConversion()).hasValue(3.0);
        assertThat(stats.conversions()).isEqualTo(4);
    }

    @Test
    void nothingConvertedHasNoMedian() {
        FollowUpStats stats = FollowUpStatsReport.compute(
                List.of(), List.of(new LeadConversionFact(LeadSource.WEB_FORM, false)), List.of(), 2);
        assertThat(stats.medianTouchesToConversion()).isEmpty();
        assertThat(stats.conversionRateBySource()).containsExactly(new FollowUpStats.Rate<>(LeadSource.WEB_FORM, 1, 0));
        assertThat(stats.movedToDrip()).isEqualTo(2);
    }
}
