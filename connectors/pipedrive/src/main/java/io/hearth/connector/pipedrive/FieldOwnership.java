package io.hearth.connector.pipedrive;

import io.hearth.connector.spi.StandardFields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The fields Hearth may write to Pipedrive; every other field is Pipedrive's and is never written, so
 * that a write cannot overwrite what a rep changed in Pipedrive. By default Hearth owns what it
 * computes or tracks (temperature and status) and Pipedrive owns identity (names, email, phone,
 * organization, job title).
 */
record FieldOwnership(Set<String> hearthFields) {
    static final String DEFAULT = StandardFields.TEMPERATURE + "," + StandardFields.STATUS;
    /** What this connector can write at all; the rest of a person Pipedrive keeps as its own. */
    static final List<String> WRITABLE = List.of(
            StandardFields.TEMPERATURE,
            StandardFields.STATUS,
            StandardFields.GIVEN_NAME,
            StandardFields.FAMILY_NAME,
            StandardFields.EMAIL,
            StandardFields.PHONE);

    FieldOwnership {
        hearthFields = Set.copyOf(hearthFields);
    }

    boolean owns(String field) {
        return hearthFields.contains(field);
    }

    /** Whether Hearth writes the person's name: its given and family name go to Pipedrive's one name field. */
    boolean ownsName() {
        return owns(StandardFields.GIVEN_NAME);
    }

    /** The fields listed in {@code text}, comma-separated; throws with the reason when one cannot be written. */
    static FieldOwnership parse(String text) {
        List<String> problems = problems(text);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new FieldOwnership(names(text));
    }

    static List<String> problems(String text) {
        Set<String> names = names(text);
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            if (!WRITABLE.contains(name)) {
                problems.add(Quote.of(name)
                        + (StandardFields.CRM.contains(name)
                                ? " stays Pipedrive's: this connector "
                                        + "does not write it (an organization or job title is kept in Pipedrive)"
                                : " is not a field name")
                        + "; writable: " + String.join(", ", WRITABLE));
            }
        }
        if (names.contains(StandardFields.GIVEN_NAME) != names.contains(StandardFields.FAMILY_NAME)) {
            problems.add("given_name and family_name go together: Pipedrive keeps one name per person");
        }
        return problems;
    }

    private static Set<String> names(String text) {
        Set<String> names = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                names.add(part.strip().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
