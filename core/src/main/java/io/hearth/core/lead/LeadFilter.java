package io.hearth.core.lead;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.person.CadenceState;
import io.hearth.core.person.PersonFilter;
import io.hearth.core.query.Comparison;
import io.hearth.core.query.EnumValues;
import io.hearth.core.query.FilterExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The conditions of a lead list; every condition must hold.
 *
 * @param person the conditions on fields every person has (owner, source, tag)
 * @param possibleDuplicate only inquiries that may be someone already in Hearth ({@code true}), only
 *     the others ({@code false}), or either ({@code null})
 * @param cadenceStates where the lead stands in its follow-up cadence (a lead without one is active)
 */
public record LeadFilter(
        PersonFilter person,
        List<LeadStatus> statuses,
        List<Temperature> temperatures,
        Boolean possibleDuplicate,
        List<CadenceState> cadenceStates) {

    public static final LeadFilter NONE = new LeadFilter(PersonFilter.NONE, List.of(), List.of(), null, List.of());

    public LeadFilter {
        requireNonNull(person, "person is null");
        statuses = List.copyOf(statuses);
        temperatures = List.copyOf(temperatures);
        cadenceStates = List.copyOf(cadenceStates);
    }

    /**
     * Parses the filter text of a list call.
     *
     * @param field the request field the text came from, named in errors
     */
    public static LeadFilter parse(String text, String field) {
        PersonFilter.Conditions person = new PersonFilter.Conditions();
        List<LeadStatus> statuses = new ArrayList<>();
        List<Temperature> temperatures = new ArrayList<>();
        Boolean possibleDuplicate = null;
        List<CadenceState> cadenceStates = new ArrayList<>();
        for (Comparison c : FilterExpression.parse(text, field)) {
            if (person.take(c, field)) {
                continue;
            }
            switch (c.field()) {
                case "status" -> statuses.add(EnumValues.parse(LeadStatus.class, c.value(), "LEAD_STATUS_", field));
                case "temperature" ->
                    temperatures.add(EnumValues.parse(Temperature.class, c.value(), "TEMPERATURE_", field));
                case "possible_duplicate" -> {
                    boolean wanted = bool(c.value(), field);
                    if (possibleDuplicate != null && possibleDuplicate != wanted) {
                        throw InvalidArgumentException.of(field, "possible_duplicate cannot be both true and false");
                    }
                    possibleDuplicate = wanted;
                }
                case "cadence_state" ->
                    cadenceStates.add(EnumValues.parse(CadenceState.class, c.value(), "CADENCE_STATE_", field));
                default ->
                    throw InvalidArgumentException.of(
                            field,
                            "cannot filter on " + Excerpts.quoted(c.field()) + "; use " + PersonFilter.FIELDS
                                    + ", status, temperature, possible_duplicate or cadence_state");
            }
        }
        return new LeadFilter(person.build(), statuses, temperatures, possibleDuplicate, cadenceStates);
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
        return person.canonical() + ";status=" + statuses + ";temperature=" + temperatures + ";possible_duplicate="
                + possibleDuplicate + ";cadence_state=" + cadenceStates;
    }
}
