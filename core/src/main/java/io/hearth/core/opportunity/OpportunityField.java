package io.hearth.core.opportunity;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.person.MaskField;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The fields of an opportunity an update can change. The stage and the outcome change only by
 * moving and closing the deal, which keep its history.
 */
public enum OpportunityField implements MaskField {
    TITLE,
    AMOUNT,
    EXPECTED_CLOSE_DATE,
    OWNER,
    NEXT_STEP;

    /** @param field the request field holding the paths, named when one is not an updatable field */
    public static Set<OpportunityField> fromPaths(List<String> paths, String field) {
        Set<OpportunityField> fields = EnumSet.noneOf(OpportunityField.class);
        for (String path : paths) {
            String name = path.strip();
            OpportunityField found = null;
            for (OpportunityField f : values()) {
                if (f.path().equals(name) || (f == NEXT_STEP && name.startsWith("next_step."))) {
                    found = f;
                }
            }
            if (found == null) {
                throw InvalidArgumentException.of(
                        field,
                        Excerpts.quoted(path) + " is not a field an update can change; use "
                                + EnumSet.allOf(OpportunityField.class).stream()
                                        .map(OpportunityField::path)
                                        .toList()
                                + " (stage and outcome change by MoveOpportunityStage and CloseOpportunity)");
            }
            fields.add(found);
        }
        return fields;
    }
}
