package io.hearth.core.opportunity;

import static java.util.Objects.requireNonNull;

import io.hearth.core.resource.ResourceNames;
import java.util.UUID;

/** An opportunity's identity; its resource name is {@code opportunities/{uuid}}. */
public record OpportunityId(UUID value) {
    public static final String COLLECTION = "opportunities/";

    public OpportunityId {
        requireNonNull(value, "value is null");
    }

    /** @param field the request field the name came from, named in the error */
    public static OpportunityId fromName(String name, String field) {
        return new OpportunityId(ResourceNames.parse(name, COLLECTION, "opportunity", field));
    }

    public String name() {
        return COLLECTION + value;
    }

    @Override
    public String toString() {
        return name();
    }
}
