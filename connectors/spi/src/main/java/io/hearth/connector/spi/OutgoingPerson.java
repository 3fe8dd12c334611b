package io.hearth.connector.spi;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One person Hearth writes out.
 *
 * @param hearthId the person's resource name in Hearth, e.g. {@code leads/0190...}
 * @param fields   values by {@link StandardFields} name; absent fields are left out
 */
public record OutgoingPerson(String hearthId, Map<String, String> fields) {
    public OutgoingPerson {
        requireNonNull(hearthId, "hearthId is null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(fields, "fields is null")));
    }
}
