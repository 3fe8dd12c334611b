package io.hearth.core.priority;

import static java.util.Objects.requireNonNull;

import io.hearth.core.resource.Money;
import java.time.LocalDate;

/**
 * What a rep learned about a lead's readiness to buy.
 *
 * @param needBy when they need it (the expected purchase date), or {@code null}
 * @param estimatedValue what the deal would be worth, or {@code null}
 * @param leadLevel 1 (name only) to 6 (buying, considering ours); 0 when not assessed
 */
public record Qualification(
        LocalDate needBy, Money estimatedValue, ReferralKind referral, Bant bant, String note, int leadLevel) {

    public static final Qualification NONE = new Qualification(null, null, ReferralKind.NONE, Bant.UNKNOWN, null, 0);
    /** The highest lead level: buying, considering ours. */
    public static final int MAX_LEAD_LEVEL = 6;
    /** The longest note, in characters. */
    public static final int MAX_NOTE = 2000;

    public Qualification {
        requireNonNull(referral, "referral is null");
        requireNonNull(bant, "bant is null");
        if (leadLevel < 0 || leadLevel > MAX_LEAD_LEVEL) {
            throw new IllegalArgumentException("leadLevel must be 0 to " + MAX_LEAD_LEVEL + ", got " + leadLevel);
        }
    }
}
