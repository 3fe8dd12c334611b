package io.hearth.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.spi.FatalConnectorException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HubSpot's CRM search over contacts: {@code POST /crm/v3/objects/contacts/search} with filters on
 * {@code lastmodifieddate} and {@code hs_object_id}, one sort, and {@code after} as the offset of the
 * next page ({@code paging.next.after}). The endpoint serves at most {@link #RESULT_CAP} results per
 * query: an {@code after} past it is refused.
 */
final class ContactSearch {
    static final String PATH = "/crm/v3/objects/contacts/search";
    /** The most results one search query pages through. */
    static final int RESULT_CAP = 10_000;

    private final CrmHttp http;
    private final List<String> properties;
    private final int pageSize;

    ContactSearch(CrmHttp http, List<String> properties, int pageSize) {
        this.http = http;
        this.properties = properties;
        this.pageSize = pageSize;
    }

    int pageSize() {
        return pageSize;
    }

    /** One contact as a search returns it. */
    record Found(long id, Instant modifiedAt, Map<String, String> properties) {
        /** Orders by modification time, then id: the order a read returns contacts in. */
        boolean isAfter(long modifiedAtMillis, Long tieId) {
            long at = modifiedAt.toEpochMilli();
            return at > modifiedAtMillis || at == modifiedAtMillis && (tieId == null || id > tieId);
        }
    }

    record Page(List<Found> contacts, long total, Optional<Integer> nextAfter) {}

    /**
     * Contacts after the position ({@code from}, {@code tieId}) and modified at or before {@code until},
     * sorted by {@code lastmodifieddate}. With a {@code tieId}, two filter groups (HubSpot ORs groups):
     * the rest of the millisecond {@code from}, then everything later.
     */
    Page window(long from, Long tieId, long until, Integer after) {
        List<List<Map<String, String>>> groups = new ArrayList<>();
        if (tieId == null) {
            groups.add(List.of(
                    filter(ContactFields.LAST_MODIFIED, "GTE", from),
                    filter(ContactFields.LAST_MODIFIED, "LTE", until)));
        } else {
            groups.add(List.of(
                    filter(ContactFields.LAST_MODIFIED, "EQ", from), filter(ContactFields.OBJECT_ID, "GT", tieId)));
            groups.add(List.of(
                    filter(ContactFields.LAST_MODIFIED, "GT", from),
                    filter(ContactFields.LAST_MODIFIED, "LTE", until)));
        }
        return search(groups, ContactFields.LAST_MODIFIED, after);
    }

    /**
     * The contacts modified in one millisecond, by id, after {@code afterId}: for a millisecond shared by
     * more contacts than a page holds (a bulk import), whose order by time alone would be arbitrary.
     */
    Page tie(long at, long afterId, Integer after) {
        return search(
                List.of(List.of(
                        filter(ContactFields.LAST_MODIFIED, "EQ", at), filter(ContactFields.OBJECT_ID, "GT", afterId))),
                ContactFields.OBJECT_ID,
                after);
    }

    private Page search(List<List<Map<String, String>>> groups, String sortedBy, Integer after) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "filterGroups",
                groups.stream().map(filters -> Map.of("filters", filters)).toList());
        Map<String, String> sort = new LinkedHashMap<>();
        sort.put("propertyName", sortedBy);
        sort.put("direction", "ASCENDING");
        body.put("sorts", List.of(sort));
        body.put("properties", properties);
        body.put("limit", pageSize);
        if (after != null) {
            body.put("after", after.toString());
        }
        // a search changes nothing: sending it again after a timeout is safe
        JsonReply reply = http.post(PATH, body);
        List<Found> contacts = new ArrayList<>();
        for (JsonNode result : reply.requireArray("results")) {
            contacts.add(found(reply, result));
        }
        JsonNode total = reply.require("total");
        if (!total.canConvertToLong()) {
            throw broken(reply, "has a total that is not a number");
        }
        Optional<String> next = reply.text(reply.body(), "/paging/next/after");
        if (next.isPresent() && !next.get().matches("\\d{1,9}")) {
            throw broken(reply, "has a paging.next.after that is not an offset");
        }
        return new Page(contacts, total.asLong(), next.map(Integer::parseInt));
    }

    static Found found(JsonReply reply, JsonNode result) {
        String id = reply.requireText(result, "id");
        if (!id.matches("\\d{1,18}")) {
            throw broken(reply, "has a contact whose id is not a number");
        }
        JsonNode properties = reply.require(result, "properties");
        Map<String, String> values = new LinkedHashMap<>();
        properties.fields().forEachRemaining(entry -> {
            if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                values.put(entry.getKey(), entry.getValue().asText());
            }
        });
        String modified = values.getOrDefault(
                ContactFields.LAST_MODIFIED, reply.text(result, "updatedAt").orElse(null));
        if (modified == null) {
            throw broken(reply, "has contact " + id + " without lastmodifieddate or updatedAt");
        }
        return new Found(Long.parseLong(id), instant(reply, modified, id), values);
    }

    /** HubSpot writes times as ISO-8601 ({@code 2026-11-30T09:00:00.123Z}) or, in some places, milliseconds. */
    static Instant instant(JsonReply reply, String text, String id) {
        try {
            return text.matches("\\d{1,15}") ? Instant.ofEpochMilli(Long.parseLong(text)) : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw broken(reply, "has contact " + id + " with a time that is no ISO-8601 time");
        }
    }

    private static Map<String, String> filter(String property, String operator, long value) {
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("propertyName", property);
        filter.put("operator", operator);
        filter.put("value", Long.toString(value));
        return filter;
    }

    static FatalConnectorException broken(JsonReply reply, String what) {
        return new FatalConnectorException("HubSpot's answer to "
                + reply.response().request().describe() + " " + what + "; the run stops without moving its cursor");
    }
}
