package io.hearth.connector.spi;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One person Hearth writes out.
 *
 * @param hearthId   the person's resource name in Hearth, e.g. {@code leads/0190...}
 * @param externalId the person's id in the destination when Hearth knows it (it read the person from
 *                   there, or an earlier write returned it), else {@code null}: then the writer finds
 *                   or creates the person by its own key (e.g. the email)
 * @param fields     values by {@link StandardFields} name; absent fields are left out
 */
public record OutgoingPerson(String hearthId, String externalId, Map<String, String> fields) {
    public OutgoingPerson {
        requireNonNull(hearthId, "hearthId is null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(fields, "fields is null")));
    }

    /** A person whose id in the destination is unknown (a file, or a first write). */
    public OutgoingPerson(String hearthId, Map<String, String> fields) {
        this(hearthId, null, fields);
    }
}
