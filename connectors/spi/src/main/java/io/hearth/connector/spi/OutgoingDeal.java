package io.hearth.connector.spi;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One deal Hearth writes out.
 *
 * @param hearthId   the deal's resource name in Hearth, e.g. {@code opportunities/0190...}
 * @param externalId the deal's id in the destination when Hearth knows it (it read the deal from
 *                   there, or an earlier write returned it), else {@code null}
 * @param contactExternalId the id of the deal's contact in the destination when Hearth knows it, else {@code null}
 * @param fields     values by {@link DealFields} name; absent fields are left out
 */
public record OutgoingDeal(String hearthId, String externalId, String contactExternalId, Map<String, String> fields) {
    public OutgoingDeal {
        requireNonNull(hearthId, "hearthId is null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(fields, "fields is null")));
    }
}
