package io.hearth.core.person;

import static java.util.Objects.requireNonNull;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.hearth.core.error.Excerpts;

/**
 * Normalizes phone numbers to E.164 so that one person typed two ways is one number.
 * Numbers written without a country code are read in the team's default region.
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final String defaultRegion;

    public PhoneNumbers(String defaultRegion) {
        requireNonNull(defaultRegion, "defaultRegion is null");
        if (!UTIL.getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("unknown phone region '" + defaultRegion
                    + "': use a two-letter ISO 3166 code such as US, GB or DE");
        }
        this.defaultRegion = defaultRegion;
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /**
     * The number in E.164 form.
     *
     * @throws IllegalArgumentException with a message fit for a rep when it is not a phone number
     */
    public String toE164(String raw) {
        PhoneNumber parsed;
        try {
            parsed = UTIL.parse(raw, defaultRegion);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException(
                    Excerpts.quoted(raw) + " is not a phone number (" + describe(e.getErrorType()) + ")");
        }
        // "possible" (right length for the country) rather than "valid": valid depends on
        // number-range metadata that lags behind carriers, and rejecting a real number loses a lead.
        if (!UTIL.isPossibleNumber(parsed)) {
            throw new IllegalArgumentException(Excerpts.quoted(raw) + " is not a possible phone number for region "
                    + UTIL.getRegionCodeForNumber(parsed) + " (wrong number of digits?)");
        }
        return UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    private String describe(NumberParseException.ErrorType type) {
        return switch (type) {
            case INVALID_COUNTRY_CODE -> "unknown country code; numbers without one are read as " + defaultRegion;
            case NOT_A_NUMBER -> "not a number";
            case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "too short";
            case TOO_LONG -> "too long";
        };
    }
}
