package io.hearth.core.lead;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import java.util.UUID;

/** A lead's identity; its resource name is {@code leads/{uuid}}. */
public record LeadId(UUID value) {
    public static final String COLLECTION = "leads/";

    public LeadId {
        requireNonNull(value, "value is null");
    }

    /**
     * Parses a resource name {@code leads/{id}}.
     *
     * @param field the request field the name came from, named in the error
     */
    public static LeadId fromName(String name, String field) {
        if (name == null || name.isBlank()) {
            throw InvalidArgumentException.of(field, "required: the lead's name, e.g. leads/0190c0d2-...");
        }
        if (!name.startsWith(COLLECTION)) {
            throw InvalidArgumentException.of(
                    field, Excerpts.quoted(name) + " is not a lead name: expected leads/{id}");
        }
        String id = name.substring(COLLECTION.length());
        try {
            UUID uuid = UUID.fromString(id);
            // UUID.fromString accepts short forms like 1-1-1-1-1; only the canonical form names a lead
            if (uuid.toString().equalsIgnoreCase(id)) {
                return new LeadId(uuid);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw InvalidArgumentException.of(field, Excerpts.quoted(name) + " is not a lead name: the id is not a UUID");
    }

    public String name() {
        return COLLECTION + value;
    }

    @Override
    public String toString() {
        return name();
    }
}
