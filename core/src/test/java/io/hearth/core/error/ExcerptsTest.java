package io.hearth.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.Temperature;
import io.hearth.core.person.LeadId;
import io.hearth.core.query.EnumValues;
import io.hearth.core.sync.FieldMapping;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExcerptsTest {
    private static final String HUGE = "HUGE" + "z".repeat(50_000);

    @Test
    void shortTextIsShownAsItIs() {
        assertThat(Excerpts.quoted("alice")).isEqualTo("'alice'");
        assertThat(Excerpts.of(null)).isEmpty();
    }

    @Test
    void longTextIsCutToFortyCharactersWithAnEllipsis() {
        assertThat(Excerpts.of("a".repeat(100_000))).isEqualTo("a".repeat(39) + "…");
    }

    @Test
    void controlCharactersAreShownAsReplacementCharacters() {
        assertThat(Excerpts.of("Ada\u0000Love\nlace\u007f")).isEqualTo("Ada\uFFFDLove\uFFFDlace\uFFFD");
    }

    @Test
    void aSurrogatePairIsNeverCutInTwo() {
        assertThat(Excerpts.of("a".repeat(38) + "\uD83D\uDE00tail")).isEqualTo("a".repeat(38) + "…");
    }

    @Test
    void callerInputEchoedInErrorsIsAShortExcerpt() {
        assertThat(message(() -> LeadId.fromName("leads/" + HUGE, "name"))).hasSizeLessThan(150);
        assertThat(message(() -> EnumValues.parse(Temperature.class, HUGE, "TEMPERATURE_", "filter")))
                .hasSizeLessThan(150);
        assertThat(message(() -> LeadFields.fromPaths(List.of(HUGE), "update_mask")))
                .hasSizeLessThan(300);
        assertThat(message(() -> FieldMapping.of(Map.of(HUGE, HUGE)))).hasSizeLessThan(300);
        assertThat(message(() -> {
                    throw StaleEtagException.sent("leads/x", HUGE, "\"2\"");
                }))
                .hasSizeLessThan(150);
    }

    private static String message(Runnable call) {
        Throwable failure = catchThrowable(call::run);
        assertThat(failure).isInstanceOf(HearthException.class);
        assertThat(failure.getMessage()).containsOnlyOnce("HUGE");
        return failure.getMessage();
    }
}
