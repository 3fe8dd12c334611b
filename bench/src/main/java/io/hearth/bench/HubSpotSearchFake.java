package io.hearth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * HubSpot's contact search ({@code POST /crm/v3/objects/contacts/search}) on 127.0.0.1, cheap enough
 * to serve 100,000 contacts without measuring itself: each contact's JSON is rendered once, up front,
 * and the contacts are held in one array whose ids and modification times both rise with the index, so
 * every filter the connector sends ({@code EQ, GT, GTE, LT, LTE} on {@code lastmodifieddate} and
 * {@code hs_object_id}) selects a range found by binary search, and either sort is the array's order.
 * A page is the filter groups' ranges joined, cut at {@code after} and {@code limit}, as HubSpot
 * answers: {@code total}, {@code results}, {@code paging.next.after}. Like HubSpot it refuses a limit
 * over 200 and an {@code after} at or past 10,000. Anything else is answered 404.
 */
final class HubSpotSearchFake implements AutoCloseable {
    static final String PATH = "/crm/v3/objects/contacts/search";
    static final String TOKEN = "pat-na1-bench-0000-0000-000000000000";
    private static final int MAX_LIMIT = 200;
    private static final int RESULT_CAP = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long[] ids;
    private final long[] modifiedAt;
    private final byte[][] rendered;
    private final HttpServer server;

    /**
     * @param people     how many contacts
     * @param firstMilli the first contact's lastmodifieddate; each next one is a millisecond later
     */
    HubSpotSearchFake(int people, long firstMilli) throws IOException {
        ids = new long[people];
        modifiedAt = new long[people];
        rendered = new byte[people][];
        for (int i = 0; i < people; i++) {
            ids[i] = BenchPeople.hubSpotId(i);
            modifiedAt[i] = firstMilli + i;
            rendered[i] = render(i, ids[i], modifiedAt[i]);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long firstModifiedAt() {
        return modifiedAt[0];
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static byte[] render(int i, long id, long modified) throws IOException {
        String time = Instant.ofEpochMilli(modified).toString();
        var contact = JSON.createObjectNode();
        contact.put("id", Long.toString(id));
        var properties = contact.putObject("properties");
        properties.put("createdate", time);
        properties.put("hs_object_id", Long.toString(id));
        properties.put("lastmodifieddate", time);
        properties.put("firstname", BenchPeople.givenName(i));
        properties.put("lastname", BenchPeople.familyName(i));
        properties.put("email", BenchPeople.email(i));
        properties.put("phone", BenchPeople.phone(i));
        properties.put("company", BenchPeople.company(i));
        properties.put("jobtitle", BenchPeople.TITLE);
        properties.put("lifecyclestage", "lead");
        properties.putNull("hs_lead_status");
        properties.putNull("hubspot_owner_id");
        properties.putNull("hs_merged_object_ids");
        contact.put("createdAt", time);
        contact.put("updatedAt", time);
        contact.put("archived", false);
        return JSON.writeValueAsBytes(contact);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")
                    || !exchange.getRequestURI().getPath().equals(PATH)) {
                reply(
                        exchange,
                        404,
                        "{\"status\":\"error\",\"message\":\"not faked\",\"category\":\"OBJECT_NOT_FOUND\"}");
                return;
            }
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(
                        exchange,
                        401,
                        "{\"status\":\"error\",\"message\":\"bad token\",\"category\":\"INVALID_AUTHENTICATION\"}");
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            int limit = body.path("limit").asInt(10);
            int after = body.has("after") ? Integer.parseInt(body.get("after").asText()) : 0;
            if (limit < 1 || limit > MAX_LIMIT || after >= RESULT_CAP) {
                reply(
                        exchange,
                        400,
                        "{\"status\":\"error\",\"message\":\"limit must be 1 to 200 and after below 10000\","
                                + "\"category\":\"VALIDATION_ERROR\"}");
                return;
            }
            List<int[]> ranges = matching(body.path("filterGroups"));
            int total = ranges.stream().mapToInt(range -> range[1] - range[0]).sum();
            ByteArrayOutputStream out = new ByteArrayOutputStream(limit * 600 + 100);
            out.write(("{\"total\":" + total + ",\"results\":[").getBytes(StandardCharsets.US_ASCII));
            int skip = after;
            int taken = 0;
            for (int[] range : ranges) {
                for (int index = range[0]; index < range[1] && taken < limit; index++) {
                    if (skip > 0) {
                        skip--;
                        continue;
                    }
                    if (taken > 0) {
                        out.write(',');
                    }
                    out.write(rendered[index]);
                    taken++;
                }
            }
            out.write(']');
            if (after + limit < total) {
                out.write((",\"paging\":{\"next\":{\"after\":\"" + (after + limit) + "\"}}")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            out.write('}');
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
            exchange.sendResponseHeaders(200, out.size());
            try (OutputStream response = exchange.getResponseBody()) {
                out.writeTo(response);
            }
        }
    }

    /** The index ranges [from, to) the filter groups select, ORed: sorted and merged. */
    private List<int[]> matching(JsonNode groups) {
        List<int[]> ranges = new ArrayList<>();
        if (groups.isEmpty()) {
            ranges.add(new int[] {0, ids.length});
        }
        for (JsonNode group : groups) {
            int from = 0;
            int to = ids.length;
            for (JsonNode filter : group.path("filters")) {
                long[] column = switch (filter.path("propertyName").asText()) {
                    case "lastmodifieddate" -> modifiedAt;
                    case "hs_object_id" -> ids;
                    default ->
                        throw new IllegalArgumentException(
                                "the fake filters on lastmodifieddate and hs_object_id only");
                };
                long value = Long.parseLong(filter.path("value").asText());
                // both columns rise with the index, so each bound is the first index at or past a value
                switch (filter.path("operator").asText()) {
                    case "EQ" -> {
                        from = Math.max(from, lowerBound(column, value));
                        to = Math.min(to, lowerBound(column, value + 1));
                    }
                    case "GT" -> from = Math.max(from, lowerBound(column, value + 1));
                    case "GTE" -> from = Math.max(from, lowerBound(column, value));
                    case "LT" -> to = Math.min(to, lowerBound(column, value));
                    case "LTE" -> to = Math.min(to, lowerBound(column, value + 1));
                    default -> throw new IllegalArgumentException("operator " + filter.path("operator"));
                }
            }
            if (from < to) {
                ranges.add(new int[] {from, to});
            }
        }
        ranges.sort(Comparator.comparingInt(range -> range[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] range : ranges) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && range[0] <= last[1]) {
                last[1] = Math.max(last[1], range[1]);
            } else {
                merged.add(range.clone());
            }
        }
        return merged;
    }

    private static int lowerBound(long[] column, long value) {
        int low = 0;
        int high = column.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (column[middle] < value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream response = exchange.getResponseBody()) {
            response.write(bytes);
        }
    }
}
