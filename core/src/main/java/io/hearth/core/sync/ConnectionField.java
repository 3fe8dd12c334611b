package io.hearth.core.sync;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The fields of a connection an update may change, by their request paths. The connector is not
 * one: a connection's cursor and external ids belong to its connector, so another connector is
 * another connection.
 */
public enum ConnectionField {
    DISPLAY_NAME("display_name"),
    CONFIG("config"),
    SECRET_REFS("secret_refs"),
    SCHEDULE("every_minutes"),
    DIRECTION("direction"),
    ENABLED("enabled");

    private final String path;

    ConnectionField(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    /**
     * The fields an update mask names.
     *
     * @param field the request field of the mask, named when a path is not an updatable field
     */
    public static Set<ConnectionField> fromPaths(Iterable<String> paths, String field) {
        Set<ConnectionField> result = EnumSet.noneOf(ConnectionField.class);
        for (String path : paths) {
            if (path.equals("connector")) {
                throw InvalidArgumentException.of(
                        field, "a connection's connector cannot change: create a connection for the other connector");
            }
            result.add(Arrays.stream(values())
                    .filter(f -> f.path.equals(path))
                    .findFirst()
                    .orElseThrow(() -> InvalidArgumentException.of(
                            field,
                            Excerpts.quoted(path) + " is not an updatable connection field; use any of "
                                    + Arrays.toString(Arrays.stream(values())
                                            .map(ConnectionField::path)
                                            .toArray()))));
        }
        return result;
    }
}
