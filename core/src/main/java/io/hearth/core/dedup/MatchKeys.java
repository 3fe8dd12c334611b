package io.hearth.core.dedup;

import io.hearth.core.person.HasPersonFields;

/**
 * What a person is matched on, strongest first: a connector's external id, the normalized email,
 * the E.164 phone, then the normalized name + company. Any of them may be {@code null}.
 */
public record MatchKeys(String externalId, String emailKey, String phone, String nameKey) {
    /** The keys of a lead's or a contact's fields, with no external id (a person entered by hand). */
    public static MatchKeys of(HasPersonFields fields) {
        return new MatchKeys(null, DedupKeys.emailKey(fields), fields.phone(), DedupKeys.nameKey(fields));
    }

    public MatchKeys withExternalId(String id) {
        return new MatchKeys(id, emailKey, phone, nameKey);
    }
}
