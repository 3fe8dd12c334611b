package io.hearth.core.person;

import io.hearth.core.query.Comparison;
import io.hearth.core.query.EnumValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The conditions of a list on fields every person has (owner, source, tag), lead or contact alike;
 * every condition must hold. Lead and contact filters add conditions on their own fields.
 */
public record PersonFilter(List<String> owners, List<LeadSource> sources, List<String> tags) {
    public static final PersonFilter NONE = new PersonFilter(List.of(), List.of(), List.of());

    /** The fields these conditions may name, for error messages. */
    public static final String FIELDS = "owner, source, tag";

    public PersonFilter {
        owners = List.copyOf(owners);
        sources = List.copyOf(sources);
        tags = List.copyOf(tags);
    }

    /** A canonical text of the conditions, equal for equal filters however they were written. */
    public String canonical() {
        return "owner=" + owners + ";source=" + sources + ";tag=" + tags;
    }

    /** Gathers the conditions on a person's fields from a parsed filter text. */
    public static final class Conditions {
        private final List<String> owners = new ArrayList<>();
        private final List<LeadSource> sources = new ArrayList<>();
        private final List<String> tags = new ArrayList<>();

        /**
         * Takes {@code c} when it names a field every person has.
         *
         * @param field the request field the filter text came from, named in errors
         * @return whether {@code c} was one of these; the caller reads its own fields otherwise
         */
        public boolean take(Comparison c, String field) {
            switch (c.field()) {
                case "owner" -> owners.add(c.value());
                case "source" -> sources.add(EnumValues.parse(LeadSource.class, c.value(), "LEAD_SOURCE_", field));
                case "tag", "tags" -> tags.add(c.value().strip().toLowerCase(Locale.ROOT));
                default -> {
                    return false;
                }
            }
            return true;
        }

        public PersonFilter build() {
            return new PersonFilter(owners, sources, tags);
        }
    }
}
