package io.hearth.core.lead;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.HasPersonFields;
import io.hearth.core.person.MaskField;
import io.hearth.core.person.PersonField;
import io.hearth.core.person.PersonFields;
import io.hearth.core.person.PersonFieldsBuilder;
import java.util.List;
import java.util.Set;

/**
 * What a rep can write on a lead: the fields every person has, plus a lead's status and temperature.
 * Absent text is {@code null}, never blank: {@link LeadRules} trims input and turns blanks into
 * {@code null}. Source, status and temperature are never {@code null} after the rules ran.
 */
public record LeadFields(PersonFields person, LeadStatus status, Temperature temperature) implements HasPersonFields {

    public LeadFields {
        requireNonNull(person, "person is null");
    }

    /** Parses update-mask paths; {@code field} is the request field holding the mask, named in the error. */
    public static Set<MaskField> fromPaths(Iterable<String> paths, String field) {
        return PersonField.fromPaths(paths, field, "lead", List.of(LeadField.values()));
    }

    /** A copy with the masked fields taken from {@code changes}. */
    public LeadFields with(LeadFields changes, Iterable<? extends MaskField> mask) {
        Builder result = toBuilder();
        for (MaskField field : mask) {
            if (field instanceof PersonField shared) {
                shared.copy(result, changes.person());
            } else if (field instanceof LeadField own) {
                own.copy(result, changes);
            } else {
                throw new IllegalArgumentException(field.path() + " is not a lead field");
            }
        }
        return result.build();
    }

    /** A copy with the fields every person has taken from {@code newPerson}. */
    public LeadFields withPerson(PersonFields newPerson) {
        return new LeadFields(newPerson, status, temperature);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder().person(person).status(status).temperature(temperature);
    }

    /** For callers that fill some fields (mapping layers, tests). */
    public static final class Builder extends PersonFieldsBuilder<Builder> {
        private LeadStatus status;
        private Temperature temperature;

        @Override
        protected Builder self() {
            return this;
        }

        public Builder status(LeadStatus v) {
            status = v;
            return this;
        }

        public Builder temperature(Temperature v) {
            temperature = v;
            return this;
        }

        public LeadFields build() {
            return new LeadFields(buildPerson(), status, temperature);
        }
    }
}
