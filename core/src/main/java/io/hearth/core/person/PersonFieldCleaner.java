package io.hearth.core.person;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.Violations;
import io.hearth.core.resource.ControlCharacters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cleans what a rep writes about a person, lead or contact alike: trims text and turns blanks into
 * {@code null}, refuses control characters ({@link ControlCharacters}: none in one-line fields, only
 * tabs and line breaks in notes), checks email syntax, normalizes phones to E.164 and lower-cases
 * tags. Problems are added to the caller's {@link Violations} under the field's API name, so all are
 * reported at once. Syncs clean every record through the same rules.
 */
public final class PersonFieldCleaner {
    public static final int MAX_TAGS = 20;
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _./:-]{0,49}");

    private final PhoneNumbers phoneNumbers;

    public PersonFieldCleaner(PhoneNumbers phoneNumbers) {
        this.phoneNumbers = requireNonNull(phoneNumbers, "phoneNumbers is null");
    }

    /**
     * Every shared field of a person cleaned by its rule (trimmed, bounded, email and phone
     * normalized, tags checked), each problem added to {@code violations} under its request field.
     *
     * @param kind "lead" or "contact", for the tag rule's message
     */
    public PersonFields clean(PersonFields in, String kind, Violations violations) {
        // checked in the order the fields are reported in, names and text before email and phone
        String givenName = text(in.givenName(), "given_name", 100, violations);
        String familyName = text(in.familyName(), "family_name", 100, violations);
        String company = text(in.company(), "company", 200, violations);
        String title = text(in.title(), "title", 200, violations);
        String owner = text(in.owner(), "owner", 100, violations);
        String notes = freeText(in.notes(), "notes", 10_000, violations);
        String email = email(in.email(), violations);
        String phone = phone(in.phone(), violations);
        List<String> tags = tags(in.tags(), kind, violations);
        return new PersonFields(givenName, familyName, company, title, email, phone, in.source(), owner, notes, tags);
    }

    /** A one-line value (a name, a company, an owner): no control characters at all. */
    public String text(String value, String field, int maxLength, Violations violations) {
        return text(value, field, maxLength, false, violations);
    }

    /** Multi-line free text (notes): tabs and line breaks are fine, other control characters are not. */
    public String freeText(String value, String field, int maxLength, Violations violations) {
        return text(value, field, maxLength, true, violations);
    }

    private static String text(String value, String field, int maxLength, boolean multiLine, Violations violations) {
        String trimmed = blankToNull(value);
        if (trimmed == null) {
            return null;
        }
        String problem = multiLine ? ControlCharacters.textProblem(trimmed) : ControlCharacters.lineProblem(trimmed);
        if (trimmed.length() > maxLength) {
            violations.add(field, "must be at most " + maxLength + " characters, got " + trimmed.length());
        } else if (problem != null) {
            violations.add(field, problem);
        }
        return trimmed;
    }

    public String email(String value, Violations violations) {
        String trimmed = blankToNull(value);
        if (trimmed != null) {
            String problem = ControlCharacters.lineProblem(trimmed);
            if (problem == null) {
                problem = EmailAddresses.problemWith(trimmed);
            }
            if (problem != null) {
                violations.add("email", problem);
            }
        }
        return trimmed;
    }

    public String phone(String value, Violations violations) {
        String trimmed = blankToNull(value);
        if (trimmed == null) {
            return null;
        }
        String problem = ControlCharacters.lineProblem(trimmed);
        if (problem != null) {
            // libphonenumber ignores what trails the digits, a NUL among it, and would accept the number
            violations.add("phone", problem);
            return trimmed;
        }
        try {
            return phoneNumbers.toE164(trimmed);
        } catch (IllegalArgumentException e) {
            violations.add("phone", e.getMessage());
            return trimmed;
        }
    }

    /**
     * @param holder what carries the tags ("lead", "contact"), named in the error
     */
    public List<String> tags(List<String> values, String holder, Violations violations) {
        Set<String> unique = new LinkedHashSet<>();
        for (String value : values) {
            String tag = blankToNull(value);
            if (tag == null) {
                continue;
            }
            tag = tag.toLowerCase(Locale.ROOT);
            if (!TAG.matcher(tag).matches()) {
                violations.add(
                        "tags",
                        Excerpts.quoted(value) + " is not a tag: use up to 50 letters, digits, spaces or "
                                + "_ . / : -, starting with a letter or digit");
            }
            unique.add(tag);
        }
        if (unique.size() > MAX_TAGS) {
            violations.add("tags", "at most " + MAX_TAGS + " tags per " + holder + ", got " + unique.size());
        }
        return new ArrayList<>(unique);
    }

    public static String blankToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
