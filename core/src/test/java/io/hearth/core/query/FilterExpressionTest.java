package io.hearth.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterExpressionTest {
    @Test
    void parsesConjunctionsOfEqualities() {
        assertThat(FilterExpression.parse("Owner = \"Alice \\\"A\\\" Smith\" and status=NEW AND tag = q4", "filter"))
                .containsExactly(
                        new Comparison("owner", "Alice \"A\" Smith"),
                        new Comparison("status", "NEW"),
                        new Comparison("tag", "q4"));
    }

    @Test
    void blankMeansNoCondition() {
        assertThat(FilterExpression.parse("   ", "filter")).isEmpty();
        assertThat(FilterExpression.parse(null, "filter")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "owner",
                "owner =",
                "owner alice",
                "= alice",
                "owner = alice AND",
                "owner = alice OR x = y",
                "owner = \"alice",
                "owner = alice status = NEW",
                "owner != alice"
            })
    void rejectsMalformedFilters(String text) {
        assertThatThrownBy(() -> FilterExpression.parse(text, "filter"))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
                    assertThat(e.violations().get(0).field()).isEqualTo("filter");
                    assertThat(e.violations().get(0).description()).contains("position");
                });
    }

    @Test
    void aFilterLongerThanTheLimitIsRefusedBeforeParsingWithTheLimitNamed() {
        String huge = String.join(" AND ", java.util.Collections.nCopies(20_000, "tag = abcdefghij"));

        assertThatThrownBy(() -> FilterExpression.parse(huge, "filter"))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
                    assertThat(e.violations()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo("filter");
                        assertThat(v.description()).isEqualTo("must be at most 4096 characters, got " + huge.length());
                    });
                    assertThat(e.getMessage()).hasSizeLessThan(200);
                });
    }

    @Test
    void aFilterOfMoreThanFiftyConditionsIsRefusedWithTheLimitNamed() {
        String fifty = String.join(" AND ", java.util.Collections.nCopies(50, "tag = a"));

        assertThat(FilterExpression.parse(fifty, "filter")).hasSize(50);
        assertThatThrownBy(() -> FilterExpression.parse(fifty + " AND tag = b", "filter"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("filter");
                            assertThat(v.description()).contains("at most 50 conditions");
                        }));
    }

    @Test
    void aBadFilterIsEchoedAsAShortExcerptOnce() {
        String word = "x".repeat(3000);

        assertThatThrownBy(() -> FilterExpression.parse("owner = alice " + word, "filter"))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
                    String description = e.violations().get(0).description();
                    assertThat(description)
                            .isEqualTo("expected AND between conditions but found '" + "x".repeat(39)
                                    + "…' at position 15");
                    assertThat(e.getMessage()).hasSizeLessThan(150).containsOnlyOnce("xxx…");
                });
    }
}
