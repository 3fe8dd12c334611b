package io.hearth.core.contact;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.query.Comparison;
import io.hearth.core.query.EnumValues;
import io.hearth.core.query.FilterExpression;
import io.hearth.core.touch.CadenceState;
import java.util.ArrayList;
import java.util.List;

/** The conditions of a contact list; every condition must hold. */
public record ContactFilter(List<ContactKind> kinds, List<String> owners, List<CadenceState> cadenceStates) {
    public ContactFilter {
        kinds = List.copyOf(kinds);
        owners = List.copyOf(owners);
        cadenceStates = List.copyOf(cadenceStates);
    }

    /** @param field the request field the text came from, named in errors */
    public static ContactFilter parse(String text, String field) {
        List<ContactKind> kinds = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        List<CadenceState> states = new ArrayList<>();
        for (Comparison c : FilterExpression.parse(text, field)) {
            switch (c.field()) {
                case "kind" -> kinds.add(EnumValues.parse(ContactKind.class, c.value(), "CONTACT_KIND_", field));
                case "owner" -> owners.add(c.value());
                case "cadence_state" ->
                    states.add(EnumValues.parse(CadenceState.class, c.value(), "CADENCE_STATE_", field));
                default ->
                    throw InvalidArgumentException.of(
                            field,
                            "cannot filter on " + Excerpts.quoted(c.field()) + "; use kind, owner or cadence_state");
            }
        }
        return new ContactFilter(kinds, owners, states);
    }

    String canonical() {
        return "kind=" + kinds + ";owner=" + owners + ";cadence_state=" + cadenceStates;
    }
}
