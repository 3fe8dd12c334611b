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
                .containsExactly(new Comparison("owner", "Alice \"A\" Smith"), new Comparison("status", "NEW"),
                        new Comparison("tag", "q4"));
    }

    @Test
    void blankMeansNoCondition() {
        assertThat(FilterExpression.parse("   ", "filter")).isEmpty();
        assertThat(FilterExpression.parse(null, "filter")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"owner", "owner =", "owner alice", "= alice", "owner = alice AND", "owner = alice OR x = y",
            "owner = \"alice", "owner = alice status = NEW", "owner != alice"})
    void rejectsMalformedFilters(String text) {
        assertThatThrownBy(() -> FilterExpression.parse(text, "filter"))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
                    assertThat(e.violations().get(0).field()).isEqualTo("filter");
                    assertThat(e.violations().get(0).description()).contains("position");
                });
    }
}
