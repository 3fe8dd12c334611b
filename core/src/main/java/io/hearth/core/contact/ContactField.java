package io.hearth.core.contact;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The fields an update mask can name on a contact. */
public enum ContactField {
    GIVEN_NAME,
    FAMILY_NAME,
    COMPANY,
    TITLE,
    EMAIL,
    PHONE,
    KIND,
    SOURCE,
    OWNER,
    NOTES,
    TAGS;

    /** The fields a person's matching keys come from: changing one may bring in someone else's key. */
    public static final Set<ContactField> MATCHED_ON = Set.of(GIVEN_NAME, FAMILY_NAME, COMPANY, EMAIL, PHONE);

    /** @param field the request field the paths came from, named in the error */
    public static Set<ContactField> fromPaths(Collection<String> paths, String field) {
        Set<ContactField> fields = EnumSet.noneOf(ContactField.class);
        for (String path : paths) {
            String upper = path.strip().toUpperCase(Locale.ROOT);
            try {
                fields.add(valueOf(upper));
            } catch (IllegalArgumentException e) {
                throw InvalidArgumentException.of(
                        field,
                        Excerpts.quoted(path) + " is not an updatable contact field; use "
                                + "given_name, family_name, company, title, email, phone, kind, source, owner, notes or tags");
            }
        }
        return fields;
    }

    void copy(ContactFields.Builder target, ContactFields source) {
        switch (this) {
            case GIVEN_NAME -> target.givenName(source.givenName());
            case FAMILY_NAME -> target.familyName(source.familyName());
            case COMPANY -> target.company(source.company());
            case TITLE -> target.title(source.title());
            case EMAIL -> target.email(source.email());
            case PHONE -> target.phone(source.phone());
            case KIND -> target.kind(source.kind());
            case SOURCE -> target.source(source.source());
            case OWNER -> target.owner(source.owner());
            case NOTES -> target.notes(source.notes());
            case TAGS -> target.tags(source.tags());
        }
    }
}
