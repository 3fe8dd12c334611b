package io.hearth.core.resource;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import java.util.UUID;

/** Parses resource names {@code {collection}/{uuid}} (AIP-122) and names the request field when one is bad. */
public final class ResourceNames {
    private ResourceNames() {}

    /**
     * @param collection e.g. {@code contacts/}
     * @param noun what the name names, for messages, e.g. {@code contact}
     * @param field the request field the name came from
     */
    public static UUID parse(String name, String collection, String noun, String field) {
        if (name == null || name.isBlank()) {
            throw InvalidArgumentException.of(
                    field, "required: the " + noun + "'s name, e.g. " + collection + "0190c0d2-...");
        }
        if (!name.startsWith(collection)) {
            throw InvalidArgumentException.of(
                    field, Excerpts.quoted(name) + " is not a " + noun + " name: expected " + collection + "{id}");
        }
        String id = name.substring(collection.length());
        try {
            UUID uuid = UUID.fromString(id);
            // UUID.fromString accepts short forms like 1-1-1-1-1; only the canonical form names a resource
            if (uuid.toString().equalsIgnoreCase(id)) {
                return uuid;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw InvalidArgumentException.of(
                field, Excerpts.quoted(name) + " is not a " + noun + " name: the id is not a UUID");
    }
}
