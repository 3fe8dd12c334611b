package io.hearth.core.lead;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.Violations;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonFieldCleaner;
import io.hearth.core.person.PhoneNumbers;

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
        if (input.status() != null && input.status().fromArchive()) {
            violations.add("status", onlyByArchive(input.status()));
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
        if (merged.status() != null && merged.status().fromArchive()) {
            violations.add("status", onlyByArchive(merged.status()));
        }
        LeadFields withDefaults = merged.toBuilder()
                .source(merged.source() == null ? previous.source() : merged.source())
                .status(merged.status() == null ? previous.status() : merged.status())
                .temperature(merged.temperature() == null ? previous.temperature() : merged.temperature())
                .build();
        return clean(withDefaults, violations);
    }

    private static String onlyByArchive(LeadStatus status) {
        return status == LeadStatus.MERGED
                ? "a lead becomes merged only by merging it into another"
                : "a lead becomes archived only by archiving it";
    }

    private LeadFields clean(LeadFields in, Violations violations) {
        LeadFields cleaned = in.withPerson(cleaner.clean(in.person(), "lead", violations));
        if (cleaned.person().nameless()) {
            String why = "a lead needs a name, an email or a phone number: set at least one";
            violations.add("given_name", why).add("email", why).add("phone", why);
        }
        violations.throwIfAny();
        return cleaned;
    }
}
