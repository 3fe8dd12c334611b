package io.hearth.core.contact;

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

/**
 * The conditions of a contact list; every condition must hold.
 *
 * @param person the conditions on fields every person has (owner, source, tag)
 */
public record ContactFilter(PersonFilter person, List<ContactKind> kinds, List<CadenceState> cadenceStates) {
    public static final ContactFilter NONE = new ContactFilter(PersonFilter.NONE, List.of(), List.of());

    public ContactFilter {
        requireNonNull(person, "person is null");
        kinds = List.copyOf(kinds);
        cadenceStates = List.copyOf(cadenceStates);
    }

    /** @param field the request field the text came from, named in errors */
    public static ContactFilter parse(String text, String field) {
        PersonFilter.Conditions person = new PersonFilter.Conditions();
        List<ContactKind> kinds = new ArrayList<>();
        List<CadenceState> states = new ArrayList<>();
        for (Comparison c : FilterExpression.parse(text, field)) {
            if (person.take(c, field)) {
                continue;
            }
            switch (c.field()) {
                case "kind" -> kinds.add(EnumValues.parse(ContactKind.class, c.value(), "CONTACT_KIND_", field));
                case "cadence_state" ->
                    states.add(EnumValues.parse(CadenceState.class, c.value(), "CADENCE_STATE_", field));
                default ->
                    throw InvalidArgumentException.of(
                            field,
                            "cannot filter on " + Excerpts.quoted(c.field()) + "; use " + PersonFilter.FIELDS
                                    + ", kind or cadence_state");
            }
        }
        return new ContactFilter(person.build(), kinds, states);
    }

    String canonical() {
        return person.canonical() + ";kind=" + kinds + ";cadence_state=" + cadenceStates;
    }
}
