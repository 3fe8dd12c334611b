package io.hearth.core.person;

import static java.util.Objects.requireNonNull;

import io.hearth.core.resource.ResourceNames;
import java.util.UUID;

/** A contact's identity; its resource name is {@code contacts/{uuid}}. */
public record ContactId(UUID value) {
    public static final String COLLECTION = "contacts/";

    public ContactId {
        requireNonNull(value, "value is null");
    }

    /** @param field the request field the name came from, named in the error */
    public static ContactId fromName(String name, String field) {
        return new ContactId(ResourceNames.parse(name, COLLECTION, "contact", field));
    }

    public String name() {
        return COLLECTION + value;
    }

    @Override
    public String toString() {
        return name();
    }
}
