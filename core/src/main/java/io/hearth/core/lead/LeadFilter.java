package io.hearth.core.lead;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.priority.Temperature;
import io.hearth.core.query.Comparison;
import io.hearth.core.query.EnumValues;
import io.hearth.core.query.FilterExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The conditions of a lead list; every condition must hold.
 *
 * @param possibleDuplicate only inquiries that may be someone already in Hearth ({@code true}), only
 *     the others ({@code false}), or either ({@code null})
 */
public record LeadFilter(
        List<String> owners,
        List<LeadStatus> statuses,
        List<Temperature> temperatures,
        List<LeadSource> sources,
        List<String> tags,
        Boolean possibleDuplicate) {

    public static final LeadFilter NONE = new LeadFilter(List.of(), List.of(), List.of(), List.of(), List.of(), null);

    public LeadFilter {
        owners = List.copyOf(owners);
        statuses = List.copyOf(statuses);
        temperatures = List.copyOf(temperatures);
        sources = List.copyOf(sources);
        tags = List.copyOf(tags);
    }

    /**
     * Parses the filter text of a list call.
     *
     * @param field the request field the text came from, named in errors
     */
    public static LeadFilter parse(String text, String field) {
        List<String> owners = new ArrayList<>();
        List<LeadStatus> statuses = new ArrayList<>();
        List<Temperature> temperatures = new ArrayList<>();
        List<LeadSource> sources = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        Boolean possibleDuplicate = null;
        for (Comparison c : FilterExpression.parse(text, field)) {
            switch (c.field()) {
                case "owner" -> owners.add(c.value());
                case "status" -> statuses.add(EnumValues.parse(LeadStatus.class, c.value(), "LEAD_STATUS_", field));
                case "temperature" ->
                    temperatures.add(EnumValues.parse(Temperature.class, c.value(), "TEMPERATURE_", field));
                case "source" -> sources.add(EnumValues.parse(LeadSource.class, c.value(), "LEAD_SOURCE_", field));
                case "tag", "tags" -> tags.add(c.value().strip().toLowerCase(Locale.ROOT));
                case "possible_duplicate" -> {
                    boolean wanted = bool(c.value(), field);
                    if (possibleDuplicate != null && possibleDuplicate != wanted) {
                        throw InvalidArgumentException.of(field, "possible_duplicate cannot be both true and false");
                    }
                    possibleDuplicate = wanted;
                }
                default ->
                    throw InvalidArgumentException.of(
                            field,
                            "cannot filter on " + Excerpts.quoted(c.field())
                                    + "; use owner, status, temperature, source, tag or possible_duplicate");
            }
        }
        return new LeadFilter(owners, statuses, temperatures, sources, tags, possibleDuplicate);
    }

    private static boolean bool(String value, String field) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw InvalidArgumentException.of(
                        field, "possible_duplicate is true or false, not " + Excerpts.quoted(value));
        };
    }

    /** A canonical text of the conditions, equal for equal filters however they were written. */
    String canonical() {
        return "owner=" + owners + ";status=" + statuses + ";temperature=" + temperatures + ";source=" + sources
                + ";tag=" + tags + ";possible_duplicate=" + possibleDuplicate;
    }
}
