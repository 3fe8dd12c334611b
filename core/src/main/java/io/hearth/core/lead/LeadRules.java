package io.hearth.core.lead;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.Violations;
import io.hearth.core.person.PersonFieldCleaner;
import io.hearth.core.person.PhoneNumbers;
import io.hearth.core.priority.Temperature;

/**
 * Cleans and checks what a rep writes on a lead: trims text, normalizes the phone to E.164,
 * lower-cases tags, fills defaults, and rejects what cannot be a lead. Every problem is reported
 * at once, each under the field's API name.
 */
public final class LeadRules {

    private final PersonFieldCleaner cleaner;

    public LeadRules(PhoneNumbers phoneNumbers) {
        this.cleaner = new PersonFieldCleaner(requireNonNull(phoneNumbers, "phoneNumbers is null"));
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
            violations.add(
                    "status",
                    previous.status() == LeadStatus.CONVERTED
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
                .givenName(cleaner.text(in.givenName(), "given_name", 100, violations))
                .familyName(cleaner.text(in.familyName(), "family_name", 100, violations))
                .company(cleaner.text(in.company(), "company", 200, violations))
                .title(cleaner.text(in.title(), "title", 200, violations))
                .owner(cleaner.text(in.owner(), "owner", 100, violations))
                .notes(cleaner.freeText(in.notes(), "notes", 10_000, violations))
                .email(cleaner.email(in.email(), violations))
                .phone(cleaner.phone(in.phone(), violations))
                .tags(cleaner.tags(in.tags(), "lead", violations));
        LeadFields cleaned = out.build();
        if (cleaned.givenName() == null
                && cleaned.familyName() == null
                && cleaned.email() == null
                && cleaned.phone() == null) {
            String why = "a lead needs a name, an email or a phone number: set at least one";
            violations.add("given_name", why).add("email", why).add("phone", why);
        }
        violations.throwIfAny();
        return cleaned;
    }
}
