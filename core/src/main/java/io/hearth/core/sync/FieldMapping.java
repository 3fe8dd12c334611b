package io.hearth.core.sync;

import io.hearth.connector.spi.StandardFields;
import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which source field feeds which Hearth field. Explicit entries (source name to a
 * {@link StandardFields} name) come first; every Hearth field left unmapped is then filled from the
 * first non-blank column whose name is a known synonym. The synonyms cover the exports people have:
 * HubSpot contacts, Salesforce lead reports, Google Contacts and Outlook contacts.
 */
public final class FieldMapping {
    /** A "Name" column split into given and family name when no separate columns exist. */
    static final String FULL_NAME = "full_name";

    // Ordered by preference: when several synonyms are present, the first non-blank one wins.
    private static final Map<String, List<String>> SYNONYMS = synonyms();

    private final Map<String, String> explicit;
    private final Set<String> skipped;
    private final Map<List<String>, Map<String, List<String>>> resolved = new HashMap<>();

    private FieldMapping(Map<String, String> explicit) {
        this(explicit, Set.of());
    }

    private FieldMapping(Map<String, String> explicit, Set<String> skipped) {
        this.explicit = explicit;
        this.skipped = skipped;
    }

    /** This mapping with {@code fields} (Hearth field names) never filled, whatever the source holds. */
    public FieldMapping without(Set<String> fields) {
        return fields.isEmpty() ? this : new FieldMapping(explicit, Set.copyOf(fields));
    }

    /** Automatic mapping only. */
    public static FieldMapping automatic() {
        return new FieldMapping(Map.of());
    }

    /**
     * Automatic mapping with explicit entries on top.
     *
     * @param explicit source field name to Hearth field name
     * @throws InvalidArgumentException naming every entry whose target is not a Hearth field
     */
    public static FieldMapping of(Map<String, String> explicit) {
        Map<String, String> targets = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        explicit.forEach((source, target) -> {
            String field = target.strip().toLowerCase(Locale.ROOT);
            if (!StandardFields.ALL.contains(field)) {
                problems.add(Excerpts.quoted(source + "=" + target) + ": the target is not a Hearth field; use one of "
                        + String.join(", ", StandardFields.ALL));
            }
            targets.put(source, field);
        });
        if (!problems.isEmpty()) {
            throw InvalidArgumentException.of("mapping", String.join("; ", problems));
        }
        return new FieldMapping(Map.copyOf(targets));
    }

    /** Hearth field name to its value, for the fields this record fills (non-blank values only). */
    public Map<String, String> apply(Map<String, String> sourceFields) {
        Map<String, List<String>> columns = resolved.computeIfAbsent(List.copyOf(sourceFields.keySet()), this::resolve);
        Map<String, String> result = new HashMap<>();
        columns.forEach((field, sources) -> {
            for (String source : sources) {
                String value = sourceFields.get(source);
                if (value != null && !value.isBlank()) {
                    result.put(field, value);
                    return;
                }
            }
        });
        String fullName = result.remove(FULL_NAME);
        if (fullName != null
                && !result.containsKey(StandardFields.GIVEN_NAME)
                && !result.containsKey(StandardFields.FAMILY_NAME)) {
            String[] parts = fullName.strip().split("\\s+", 2);
            result.put(StandardFields.GIVEN_NAME, parts[0]);
            if (parts.length > 1) {
                result.put(StandardFields.FAMILY_NAME, parts[1]);
            }
        }
        result.keySet().removeAll(skipped);
        return result;
    }

    private Map<String, List<String>> resolve(List<String> headers) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        explicit.forEach((source, field) -> {
            if (headers.contains(source)) {
                columns.computeIfAbsent(field, f -> new ArrayList<>()).add(source);
            }
        });
        Set<String> explicitSources = explicit.keySet();
        SYNONYMS.forEach((field, names) -> {
            if (columns.containsKey(field)) {
                return;
            }
            List<String> sources = new ArrayList<>();
            for (String name : names) {
                headers.stream()
                        .filter(h ->
                                !explicitSources.contains(h) && normalize(h).equals(name))
                        .forEach(sources::add);
            }
            if (!sources.isEmpty()) {
                columns.put(field, sources);
            }
        });
        return columns;
    }

    /** "E-mail Address" and "email_address" both become "emailaddress". */
    static String normalize(String header) {
        StringBuilder out = new StringBuilder(header.length());
        header.toLowerCase(Locale.ROOT)
                .codePoints()
                .filter(Character::isLetterOrDigit)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    private static Map<String, List<String>> synonyms() {
        Map<String, List<String>> s = new LinkedHashMap<>();
        s.put(StandardFields.GIVEN_NAME, List.of("givenname", "firstname", "first", "forename"));
        s.put(StandardFields.FAMILY_NAME, List.of("familyname", "lastname", "last", "surname"));
        s.put(FULL_NAME, List.of("name", "fullname", "contactname", "displayname"));
        s.put(
                StandardFields.COMPANY,
                List.of(
                        "company",
                        "companyname",
                        "companyaccount",
                        "account",
                        "accountname",
                        "organization",
                        "organizationname",
                        "organization1name",
                        "organisation"));
        s.put(StandardFields.TITLE, List.of("title", "jobtitle", "organization1title", "position"));
        s.put(
                StandardFields.EMAIL,
                List.of(
                        "email",
                        "emailaddress",
                        "email1value",
                        "primaryemail",
                        "workemail",
                        "businessemail",
                        "email2address",
                        "email2value"));
        s.put(
                StandardFields.PHONE,
                List.of(
                        "phone",
                        "phonenumber",
                        "mobile",
                        "mobilephone",
                        "mobilephonenumber",
                        "cellphone",
                        "cell",
                        "businessphone",
                        "workphone",
                        "phone1value",
                        "primaryphone",
                        "homephone",
                        "phone2value"));
        s.put(StandardFields.SOURCE, List.of("leadsource", "source", "originalsource"));
        s.put(StandardFields.STATUS, List.of("leadstatus", "status"));
        s.put(StandardFields.OWNER, List.of("owner", "leadowner", "contactowner", "recordowner"));
        s.put(StandardFields.NOTES, List.of("notes", "description", "comments"));
        s.put(StandardFields.TAGS, List.of("tags", "labels"));
        return Map.copyOf(s);
    }
}
