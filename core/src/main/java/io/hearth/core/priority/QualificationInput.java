package io.hearth.core.priority;

import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.Violations;
import io.hearth.core.query.EnumValues;
import io.hearth.core.resource.Money;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * What a rep sends to qualify a lead, before any rule; {@link #read(String)} checks it and makes the
 * {@link Qualification}.
 *
 * @param needBy the need date as sent, or {@code null} when none was
 * @param estimatedValue the deal's value as sent, or {@code null} when none was
 * @param referral {@code null} when the caller sent a kind this server does not know
 * @param budget {@code null} when the caller sent an answer this server does not know; so for the
 *     other three answers
 * @param note as sent; blank is no note
 * @param leadLevel as sent; 0 is not assessed
 */
public record QualificationInput(
        Day needBy,
        Amount estimatedValue,
        ReferralKind referral,
        Answer budget,
        Answer authority,
        Answer need,
        Answer timescale,
        String note,
        int leadLevel) {

    /** A date as sent: any numbers, which need not make a calendar date. */
    public record Day(int year, int month, int day) {}

    /** Money as sent, see {@link Money#of(String, long, int, String)}. */
    public record Amount(String currencyCode, long units, int nanos) {}

    /**
     * The qualification this input describes.
     *
     * @param field the request field of the qualification, e.g. {@code qualification}: every bad part
     *     is named under it ({@code qualification.lead_level})
     * @throws InvalidArgumentException naming every bad part at once
     */
    public Qualification read(String field) {
        Violations violations = new Violations();
        LocalDate date = null;
        if (needBy != null) {
            try {
                date = LocalDate.of(needBy.year(), needBy.month(), needBy.day());
            } catch (DateTimeException e) {
                violations.add(field + ".need_by", "not a calendar date: " + e.getMessage());
            }
        }
        Money value = estimatedValue == null
                ? null
                : violations.read(() -> Money.of(
                        estimatedValue.currencyCode(),
                        estimatedValue.units(),
                        estimatedValue.nanos(),
                        field + ".estimated_value"));
        if (referral == null) {
            violations.add(field + ".referral", EnumValues.UNKNOWN_VALUE);
        }
        known(budget, field + ".bant.budget", violations);
        known(authority, field + ".bant.authority", violations);
        known(need, field + ".bant.need", violations);
        known(timescale, field + ".bant.timescale", violations);
        if (leadLevel < 0 || leadLevel > Qualification.MAX_LEAD_LEVEL) {
            violations.add(
                    field + ".lead_level",
                    "must be 1 to " + Qualification.MAX_LEAD_LEVEL + ", or 0 for not assessed; got " + leadLevel);
        }
        if (note != null && note.length() > Qualification.MAX_NOTE) {
            violations.add(field + ".note", "must be at most " + Qualification.MAX_NOTE + " characters");
        }
        violations.throwIfAny();
        return new Qualification(
                date,
                value,
                referral,
                new Bant(budget, authority, need, timescale),
                note == null || note.isBlank() ? null : note.strip(),
                leadLevel);
    }

    private static void known(Answer answer, String field, Violations violations) {
        if (answer == null) {
            violations.add(field, EnumValues.UNKNOWN_VALUE);
        }
    }
}
