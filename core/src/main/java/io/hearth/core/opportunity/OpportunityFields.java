package io.hearth.core.opportunity;

import io.hearth.core.resource.Money;
import java.time.LocalDate;
import java.util.Set;

/**
 * The fields of an opportunity a caller writes. Each may be {@code null} in input; a stored
 * opportunity always has a title, an amount and an expected close date ({@link OpportunityRules}).
 *
 * @param amount what the deal is worth, in one currency
 * @param owner the user who works the deal
 * @param nextStep what is to happen next, or {@code null} when nothing is planned
 */
public record OpportunityFields(
        String title, Money amount, LocalDate expectedCloseDate, String owner, NextStep nextStep) {

    /** These fields with those of {@code changes} that {@code mask} names. */
    public OpportunityFields with(OpportunityFields changes, Set<OpportunityField> mask) {
        return new OpportunityFields(
                mask.contains(OpportunityField.TITLE) ? changes.title() : title,
                mask.contains(OpportunityField.AMOUNT) ? changes.amount() : amount,
                mask.contains(OpportunityField.EXPECTED_CLOSE_DATE) ? changes.expectedCloseDate() : expectedCloseDate,
                mask.contains(OpportunityField.OWNER) ? changes.owner() : owner,
                mask.contains(OpportunityField.NEXT_STEP) ? changes.nextStep() : nextStep);
    }

    public OpportunityFields withOwner(String newOwner) {
        return new OpportunityFields(title, amount, expectedCloseDate, newOwner, nextStep);
    }
}
