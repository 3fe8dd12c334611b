package io.hearth.core.contact;

import static java.util.Objects.requireNonNull;

import io.hearth.core.person.HasPersonFields;
import io.hearth.core.person.MaskField;
import io.hearth.core.person.PersonField;
import io.hearth.core.person.PersonFields;
import io.hearth.core.person.PersonFieldsBuilder;
import java.util.List;
import java.util.Set;

/**
 * What a rep can write on a contact: the fields every person has, plus the contact's kind. Absent
 * text is {@code null}, never blank; the source is {@code null} for a contact entered without one.
 */
public record ContactFields(PersonFields person, ContactKind kind) implements HasPersonFields {

    public ContactFields {
        requireNonNull(person, "person is null");
    }

    /** Parses update-mask paths; {@code field} is the request field holding the mask, named in the error. */
    public static Set<MaskField> fromPaths(Iterable<String> paths, String field) {
        return PersonField.fromPaths(paths, field, "contact", List.of(ContactField.values()));
    }

    /** A copy with the masked fields taken from {@code changes}. */
    public ContactFields with(ContactFields changes, Iterable<? extends MaskField> mask) {
        Builder result = toBuilder();
        for (MaskField field : mask) {
            if (field instanceof PersonField shared) {
                shared.copy(result, changes.person());
            } else if (field == ContactField.KIND) {
                result.kind(changes.kind());
            } else {
                throw new IllegalArgumentException(field.path() + " is not a contact field");
            }
        }
        return result.build();
    }

    /** A copy with the fields every person has taken from {@code newPerson}. */
    public ContactFields withPerson(PersonFields newPerson) {
        return new ContactFields(newPerson, kind);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder().person(person).kind(kind);
    }

    /** For callers that fill some fields (mapping layers, conversion, tests). */
    public static final class Builder extends PersonFieldsBuilder<Builder> {
        private ContactKind kind;

        @Override
        protected Builder self() {
            return this;
        }

        public Builder kind(ContactKind v) {
            kind = v;
            return this;
        }

        public ContactFields build() {
            return new ContactFields(buildPerson(), kind);
        }
    }
}
