package io.hearth.core.contact;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.Violations;
import io.hearth.core.person.EmailAddresses;
import io.hearth.core.person.PhoneNumbers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cleans and checks what a rep writes on a contact, with the same conventions as the lead rules
 * (trimmed text, E.164 phones, lower-case tags), and reports every bad field at once.
 */
public final class ContactRules {
    public static final int MAX_TAGS = 20;
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _./:-]{0,49}");

    private final PhoneNumbers phoneNumbers;

    public ContactRules(PhoneNumbers phoneNumbers) {
        this.phoneNumbers = requireNonNull(phoneNumbers, "phoneNumbers is null");
    }

    /** The cleaned fields of a new contact; the kind is required, because it says why the person is a contact. */
    public ContactFields forCreate(ContactFields input) {
        Violations violations = new Violations();
        if (input.kind() == null) {
            violations.add("kind", "required: prospect, active-client, dormant-client, supplier, partner or associate "
                    + "(people in the target market normally start as leads)");
        }
        return clean(input, violations);
    }

    /** The cleaned result of an update; an unset kind keeps the stored one. */
    public ContactFields forUpdate(ContactFields previous, ContactFields merged) {
        ContactFields withKind = merged.kind() == null ? merged.toBuilder().kind(previous.kind()).build() : merged;
        return clean(withKind, new Violations());
    }

    private ContactFields clean(ContactFields in, Violations violations) {
        ContactFields cleaned = in.toBuilder()
                .givenName(text(in.givenName(), "given_name", 100, violations))
                .familyName(text(in.familyName(), "family_name", 100, violations))
                .company(text(in.company(), "company", 200, violations))
                .title(text(in.title(), "title", 200, violations))
                .owner(text(in.owner(), "owner", 100, violations))
                .notes(text(in.notes(), "notes", 10_000, violations))
                .email(email(in.email(), violations))
                .phone(phone(in.phone(), violations))
                .tags(tags(in.tags(), violations))
                .build();
        if (cleaned.givenName() == null && cleaned.familyName() == null && cleaned.company() == null
                && cleaned.email() == null && cleaned.phone() == null) {
            String why = "a contact needs a name, a company, an email or a phone number: set at least one";
            violations.add("given_name", why).add("company", why).add("email", why).add("phone", why);
        }
        violations.throwIfAny();
        return cleaned;
    }

    private static String text(String value, String field, int maxLength, Violations violations) {
        String trimmed = blankToNull(value);
        if (trimmed != null && trimmed.length() > maxLength) {
            violations.add(field, "must be at most " + maxLength + " characters, got " + trimmed.length());
        }
        return trimmed;
    }

    private static String email(String value, Violations violations) {
        String trimmed = blankToNull(value);
        if (trimmed != null) {
            String problem = EmailAddresses.problemWith(trimmed);
            if (problem != null) {
                violations.add("email", problem);
            }
        }
        return trimmed;
    }

    private String phone(String value, Violations violations) {
        String trimmed = blankToNull(value);
        if (trimmed == null) {
            return null;
        }
        try {
            return phoneNumbers.toE164(trimmed);
        } catch (IllegalArgumentException e) {
            violations.add("phone", e.getMessage());
            return trimmed;
        }
    }

    private static List<String> tags(List<String> values, Violations violations) {
        Set<String> unique = new LinkedHashSet<>();
        for (String value : values) {
            String tag = blankToNull(value);
            if (tag == null) {
                continue;
            }
            tag = tag.toLowerCase(Locale.ROOT);
            if (!TAG.matcher(tag).matches()) {
                violations.add("tags", "'" + value + "' is not a tag: use up to 50 letters, digits, spaces or "
                        + "_ . / : -, starting with a letter or digit");
            }
            unique.add(tag);
        }
        if (unique.size() > MAX_TAGS) {
            violations.add("tags", "at most " + MAX_TAGS + " tags per contact, got " + unique.size());
        }
        return new ArrayList<>(unique);
    }

    private static String blankToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
