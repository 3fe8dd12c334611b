package io.hearth.core.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.resource.Money;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** An opportunity as sent, read into fields, and the rules those fields must meet. */
class OpportunityInputTest {
    private final OpportunityRules rules = new OpportunityRules();

    @Test
    void readsMoneyDaysAndDueTimesAsSent() {
        OpportunityFields read = new OpportunityInput(
                        "Pilot",
                        new OpportunityInput.Amount("EUR", 25_000, 500_000_000),
                        new OpportunityInput.Day(2027, 3, 31),
                        "alice",
                        new OpportunityInput.Step("book the demo", 1_800_000_000L, 0))
                .read("opportunity");

        assertThat(read)
                .isEqualTo(new OpportunityFields(
                        "Pilot",
                        Money.of("EUR", 25_000, 500_000_000, "x"),
                        LocalDate.of(2027, 3, 31),
                        "alice",
                        new NextStep("book the demo", Instant.ofEpochSecond(1_800_000_000L))));
    }

    @Test
    void namesEveryBadPartAtOnceUnderTheRequestField() {
        assertThatThrownBy(() -> new OpportunityInput(
                                "Pilot",
                                new OpportunityInput.Amount("EURO", -1, 0),
                                new OpportunityInput.Day(2027, 2, 30),
                                null,
                                new OpportunityInput.Step("x", Long.MAX_VALUE, 0))
                        .read("opportunity"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactlyInAnyOrder(
                                        "opportunity.amount.currency_code",
                                        "opportunity.amount",
                                        "opportunity.expected_close_date",
                                        "opportunity.next_step.due_time"));
        assertThatThrownBy(() -> new OpportunityInput(null, null, new OpportunityInput.Day(1899, 12, 31), null, null)
                        .read("opportunity"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("opportunity.expected_close_date"));
    }

    @Test
    void theRulesCleanTheFieldsAndRequireTitleAmountAndCloseDate() {
        Money amount = Money.of("USD", 10, 0, "amount");
        LocalDate day = LocalDate.of(2027, 1, 1);

        assertThat(rules.check(new OpportunityFields(" Pilot ", amount, day, " ", new NextStep(" call ", null))))
                .isEqualTo(new OpportunityFields("Pilot", amount, day, null, new NextStep("call", null)));
        assertThatThrownBy(() -> rules.check(new OpportunityFields("t\u0000", null, null, "x".repeat(101), null)))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactlyInAnyOrder("title", "amount", "expected_close_date", "owner"));
        assertThat(rules.check(new OpportunityFields(
                                "t", amount, day, null, new NextStep("call", Instant.ofEpochSecond(5, 123_456_789))))
                        .nextStep()
                        .dueAt())
                .isEqualTo(Instant.ofEpochSecond(5, 123_456_000));
        assertThat(rules.closeReason(Outcome.WON, " ", "reason")).isNull();
        assertThatThrownBy(() -> rules.closeReason(Outcome.LOST, "", "reason"))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> rules.closeReason(Outcome.LOST, "x".repeat(1001), "reason"))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void ordersAndFiltersAreReadOrRefusedNamingTheirField() {
        assertThat(OpportunityOrder.parse(" Amount  DESC ", "order_by"))
                .isEqualTo(new OpportunityOrder(OpportunityOrder.Key.AMOUNT, true));
        assertThat(OpportunityOrder.parse("", "order_by")).isEqualTo(OpportunityOrder.DEFAULT);
        assertThatThrownBy(() -> OpportunityOrder.parse("amount sideways", "order_by"))
                .isInstanceOf(InvalidArgumentException.class);
        OpportunityFilter filter = OpportunityFilter.parse(
                "stage = \"Needs analysis\" AND outcome = won AND closed = TRUE", PipelineStages.DEFAULT, "filter");
        assertThat(filter.stages()).containsExactly("needs_analysis");
        assertThat(filter.outcomes()).containsExactly(Outcome.WON);
        assertThat(filter.closed()).isTrue();
        assertThatThrownBy(() -> OpportunityFilter.parse("closed = maybe", PipelineStages.DEFAULT, "filter"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("filter"));
        assertThatThrownBy(() -> OpportunityFilter.parse("amount = 5", PipelineStages.DEFAULT, "filter"))
                .isInstanceOf(InvalidArgumentException.class);
    }
}
