package io.hearth.core.opportunity;

import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.Violations;
import io.hearth.core.resource.ApiTimes;
import io.hearth.core.resource.CalendarDates;
import io.hearth.core.resource.Money;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An opportunity's fields as a caller sends them, before any rule: money, a day and a time as raw
 * numbers. {@link #read(String)} checks them and makes the {@link OpportunityFields}.
 *
 * @param amount {@code null} when none was sent
 * @param expectedCloseDate {@code null} when none was sent
 * @param nextStep {@code null} when none was sent
 */
public record OpportunityInput(String title, Amount amount, Day expectedCloseDate, String owner, Step nextStep) {

    /** Money as sent, see {@link Money#of(String, long, int, String)}. */
    public record Amount(String currencyCode, long units, int nanos) {}

    /** A day as sent: any numbers, which need not make a calendar date. */
    public record Day(int year, int month, int day) {}

    /** @param dueSeconds with {@code dueNanos}, the due time as sent; {@code null} when none was */
    public record Step(String description, Long dueSeconds, int dueNanos) {}

    /**
     * The fields this input describes; the rules ({@link OpportunityRules}) then say whether they make
     * an opportunity.
     *
     * @param field the request field of the opportunity, e.g. {@code opportunity}: every bad part
     *     is named under it ({@code opportunity.amount})
     * @throws InvalidArgumentException naming every bad part at once
     */
    public OpportunityFields read(String field) {
        Violations violations = new Violations();
        Money money = amount == null
                ? null
                : violations.read(
                        () -> Money.of(amount.currencyCode(), amount.units(), amount.nanos(), field + ".amount"));
        LocalDate date = expectedCloseDate == null
                ? null
                : violations.read(() -> CalendarDates.of(
                        expectedCloseDate.year(),
                        expectedCloseDate.month(),
                        expectedCloseDate.day(),
                        field + ".expected_close_date"));
        NextStep step = null;
        if (nextStep != null) {
            Instant due = nextStep.dueSeconds() == null
                    ? null
                    : violations.read(() -> ApiTimes.instant(
                            nextStep.dueSeconds(), nextStep.dueNanos(), field + ".next_step.due_time"));
            step = new NextStep(nextStep.description() == null ? "" : nextStep.description(), due);
        }
        violations.throwIfAny();
        return new OpportunityFields(title, money, date, owner, step);
    }
}
