package io.hearth.core.dedup;

import io.hearth.core.person.HasPersonFields;
import java.util.Locale;

/**
 * The normalized values two records of one person share even when typed differently. The phone
 * key is the E.164 phone the lead rules already produce. The formulas match the backfill in
 * {@code V3__sync.sql}, so keys written before and after that migration compare equal.
 */
public final class DedupKeys {
    private DedupKeys() {}

    /** Lower-cased; {@code null} without an email. Dots in Gmail addresses are kept: they are not always ignored. */
    public static String emailKey(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * "given family|company", lower-cased; {@code null} without a name, because a company alone
     * names a business, not a person.
     */
    public static String nameKey(String givenName, String familyName, String company) {
        if (givenName == null && familyName == null) {
            return null;
        }
        return (orEmpty(givenName) + " " + orEmpty(familyName)).toLowerCase(Locale.ROOT) + "|"
                + orEmpty(company).toLowerCase(Locale.ROOT);
    }

    public static String emailKey(HasPersonFields fields) {
        return emailKey(fields.email());
    }

    public static String nameKey(HasPersonFields fields) {
        return nameKey(fields.givenName(), fields.familyName(), fields.company());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
