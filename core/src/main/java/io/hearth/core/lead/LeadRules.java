package io.hearth.core.lead;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.Violations;
import io.hearth.core.person.EmailAddresses;
import io.hearth.core.person.PhoneNumbers;
import io.hearth.core.priority.Temperature;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cleans and checks what a rep writes on a lead: trims text, normalizes the phone to E.164,
 * lower-cases tags, fills defaults, and rejects what cannot be a lead. Every problem is reported
 * at once, each under the field's API name.
 */
public final class LeadRules {
    public static final int MAX_TAGS = 20;
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _./:-]{0,49}");

    private final PhoneNumbers phoneNumbers;

    public LeadRules(PhoneNumbers phoneNumbers) {
        this.phoneNumbers = requireNonNull(phoneNumbers, "phoneNumbers is null");
    }

    /** The cleaned fields of a new lead, or an {@code InvalidArgumentException} naming every bad field. */
    public LeadFields forCreate(LeadFields input) {
        Violations violations = new Violations();
        if (input.status() == LeadStatus.CONVERTED) {
            violations.add("status", "a lead becomes converted only by converting it to a contact");
        }
        LeadFields withDefaults = input.toBuilder()
                .source(input.source() == null ? LeadSource.OTHER : input.source())
                .status(input.status() == null ? LeadStatus.NEW : input.status())
                .temperature(input.temperature() == null ? Temperature.COLD : input.temperature())
                .build();
        return clean(withDefaults, violations);
    }

    /**
     * The cleaned result of an update. {@code previous} is the stored lead; a status may only move to
     * or from converted through conversion.
     */
    public LeadFields forUpdate(LeadFields previous, LeadFields merged) {
        Violations violations = new Violations();
        if (merged.status() != previous.status()
                && (merged.status() == LeadStatus.CONVERTED || previous.status() == LeadStatus.CONVERTED)) {
            violations.add("status", previous.status() == LeadStatus.CONVERTED
                    ? "a converted lead keeps its status; work its contact instead"
                    : "a lead becomes converted only by converting it to a contact");
        }
        LeadFields withDefaults = merged.toBuilder()
                .source(merged.source() == null ? previous.source() : merged.source())
                .status(merged.status() == null ? previous.status() : merged.status())
                .temperature(merged.temperature() == null ? previous.temperature() : merged.temperature())
                .build();
        return clean(withDefaults, violations);
    }

    private LeadFields clean(LeadFields in, Violations violations) {
        LeadFields.Builder out = in.toBuilder()
                .givenName(text(in.givenName(), "given_name", 100, violations))
                .familyName(text(in.familyName(), "family_name", 100, violations))
                .company(text(in.company(), "company", 200, violations))
                .title(text(in.title(), "title", 200, violations))
                .owner(text(in.owner(), "owner", 100, violations))
                .notes(text(in.notes(), "notes", 10_000, violations))
                .email(email(in.email(), violations))
                .phone(phone(in.phone(), violations))
                .tags(tags(in.tags(), violations));
        LeadFields cleaned = out.build();
        if (cleaned.givenName() == null && cleaned.familyName() == null && cleaned.email() == null
                && cleaned.phone() == null) {
            String why = "a lead needs a name, an email or a phone number: set at least one";
            violations.add("given_name", why).add("email", why).add("phone", why);
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
        if (trimmed == null) {
            return null;
        }
        String problem = EmailAddresses.problemWith(trimmed);
        if (problem != null) {
            violations.add("email", problem);
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
            violations.add("tags", "at most " + MAX_TAGS + " tags per lead, got " + unique.size());
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
