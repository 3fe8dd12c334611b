package io.hearth.core.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.person.LeadSource;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EscalationRulesTest {
    private static final Instant DEADLINE = Instant.parse("2026-12-06T10:05:00Z");
    private final EscalationRules rules = new EscalationRules(Duration.ofMinutes(5), Duration.ofMinutes(1));

    @Test
    void aLeadIsEscalatedOnceTheWarningTimeIsLeftAndUntilItGrowsStale() {
        assertThat(rules.due(DEADLINE, Instant.parse("2026-12-06T10:03:59Z"))).isFalse();
        assertThat(rules.due(DEADLINE, Instant.parse("2026-12-06T10:04:00Z"))).isTrue();
        assertThat(rules.due(DEADLINE, Instant.parse("2026-12-06T10:30:00Z"))).isTrue();
        assertThat(rules.due(DEADLINE, Instant.parse("2026-12-06T11:05:00Z"))).isTrue();
        assertThat(rules.due(DEADLINE, Instant.parse("2026-12-06T11:05:01Z"))).isFalse();
        assertThat(rules.escalateDeadlinesUpTo(Instant.parse("2026-12-06T10:04:00Z")))
                .isEqualTo(DEADLINE);
    }

    @Test
    void theReasonSaysHowMuchOfTheWindowIsLeft() {
        assertThat(rules.reason(LeadSource.WEB_FORM, DEADLINE, Instant.parse("2026-12-06T10:04:00Z")))
                .isEqualTo("web form lead: 1 min left of its 5 min");
        assertThat(new EscalationRules(Duration.ofMinutes(5), Duration.ofMinutes(5))
                        .reason(LeadSource.WEB_FORM, DEADLINE, Instant.parse("2026-12-06T10:00:50Z")))
                .isEqualTo("web form lead: 4 min 10 s left of its 5 min");
        assertThat(rules.reason(LeadSource.WEB_FORM, DEADLINE, Instant.parse("2026-12-06T10:05:12Z")))
                .isEqualTo("web form lead: its 5 min ran out 12 s ago, untouched");
    }

    @Test
    void durationsReadAsARepSaysThem() {
        assertThat(EscalationRules.spoken(Duration.ZERO)).isEqualTo("0 s");
        assertThat(EscalationRules.spoken(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(EscalationRules.spoken(Duration.ofSeconds(3722))).isEqualTo("1 h 2 min 2 s");
        assertThat(EscalationRules.spoken(Duration.ofMillis(1999))).isEqualTo("1 s");
    }

    @Test
    void theWarningFitsInTheWindow() {
        assertThatThrownBy(() -> new EscalationRules(Duration.ofMinutes(5), Duration.ofMinutes(6)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warnBefore");
        assertThatThrownBy(() -> new EscalationRules(Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
