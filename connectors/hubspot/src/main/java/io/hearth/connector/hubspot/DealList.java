package io.hearth.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.crm.http.Query;
import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.SourceRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HubSpot's deals: {@code GET /crm/v3/objects/deals} with their properties and their associated
 * contacts ({@code associations=contacts}), in pages of at most 100 following {@code paging.next.after},
 * which is the cursor. Every read lists all deals (the listing cannot be filtered by time; re-reading
 * an unchanged deal stores nothing in Hearth): the last batch's cursor is empty, so the next run starts
 * over. Needs the {@code crm.objects.deals.read} scope.
 *
 * <p>A deal maps to {@link DealFields}: {@code dealname} the title, {@code amount} and
 * {@code deal_currency_code} (or the connection's {@code deal_currency}) the amount, {@code dealstage}
 * the stage (its internal id, e.g. {@code appointmentscheduled}, or a custom pipeline's number, which
 * the connection maps with {@code stage.<id>=<hearth stage>}), {@code closedate} the expected close
 * date, {@code hubspot_owner_id} the owner, {@code hs_is_closed}/{@code hs_is_closed_won} the outcome,
 * {@code closed_lost_reason} the reason, and the associated contact with the lowest id its contact.
 */
final class DealList implements RecordReader {
    static final String PATH = "/crm/v3/objects/deals";
    static final int PAGE_SIZE = 100;
    static final List<String> PROPERTIES = List.of(
            "dealname",
            "amount",
            "deal_currency_code",
            "dealstage",
            "pipeline",
            "closedate",
            "hubspot_owner_id",
            "hs_is_closed",
            "hs_is_closed_won",
            "closed_lost_reason");

    private final CrmHttp http;
    private final String defaultCurrency;
    private String after;
    private boolean finished;

    /** @param cursor the paging token to go on from; null or empty to start */
    DealList(CrmHttp http, String defaultCurrency, String cursor) {
        this.http = http;
        this.defaultCurrency = defaultCurrency;
        this.after = cursor == null || cursor.isEmpty() ? null : cursor;
    }

    @Override
    public Batch read(int maxRecords) {
        if (finished) {
            return new Batch(List.of(), List.of(), "", true);
        }
        Query query = Query.of(
                        "limit",
                        Integer.toString(Math.min(PAGE_SIZE, Math.max(1, maxRecords))),
                        "properties",
                        String.join(",", PROPERTIES),
                        "associations",
                        "contacts",
                        "archived",
                        "false")
                .and("after", after);
        JsonReply reply = http.get(PATH, query);
        List<SourceRecord> records = new ArrayList<>();
        for (JsonNode result : reply.requireArray("results")) {
            records.add(deal(reply, result));
        }
        Optional<String> next = reply.text(reply.body(), "/paging/next/after");
        if (next.isPresent() && next.get().length() > DeletedContacts.MAX_TOKEN_LENGTH) {
            throw new FatalConnectorException("HubSpot's deal listing gave a paging token of "
                    + next.get().length() + " characters, more than the " + DeletedContacts.MAX_TOKEN_LENGTH
                    + " the cursor keeps");
        }
        after = next.orElse(null);
        finished = next.isEmpty();
        return new Batch(records, List.of(), finished ? "" : after, finished);
    }

    private SourceRecord deal(JsonReply reply, JsonNode result) {
        String id = reply.requireText(result, "id");
        JsonNode properties = result.path("properties");
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, DealFields.TITLE, text(properties, "dealname"));
        put(fields, DealFields.AMOUNT, text(properties, "amount"));
        put(fields, DealFields.CURRENCY, text(properties, "deal_currency_code").orElse(defaultCurrency));
        put(fields, DealFields.STAGE, text(properties, "dealstage"));
        put(fields, DealFields.CLOSE_DATE, text(properties, "closedate"));
        put(fields, DealFields.OWNER, text(properties, "hubspot_owner_id"));
        if (text(properties, "hs_is_closed").map(Boolean::parseBoolean).orElse(false)) {
            boolean won = text(properties, "hs_is_closed_won")
                    .map(Boolean::parseBoolean)
                    .orElse(false);
            fields.put(DealFields.OUTCOME, won ? "won" : "lost");
        }
        put(fields, DealFields.REASON, text(properties, "closed_lost_reason"));
        contact(result).ifPresent(contact -> fields.put(DealFields.CONTACT_ID, contact));
        Instant modified = text(result, "updatedAt").map(at -> instant(at, id)).orElse(null);
        return new SourceRecord(id, modified, fields, "deal " + id);
    }

    /** The associated contact with the lowest id: HubSpot lists a deal's contacts in no promised order. */
    private static Optional<String> contact(JsonNode result) {
        List<String> ids = new ArrayList<>();
        result.path("associations").path("contacts").path("results").forEach(a -> {
            String id = a.path("id").asText("");
            if (id.matches("\\d{1,18}")) {
                ids.add(id);
            }
        });
        return ids.stream().min(Comparator.comparingLong(Long::parseLong));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() || value.asText().isBlank()
                ? Optional.empty()
                : Optional.of(value.asText());
    }

    private static void put(Map<String, String> fields, String name, Optional<String> value) {
        value.ifPresent(v -> fields.put(name, v));
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    private static Instant instant(String text, String id) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new FatalConnectorException("HubSpot deal " + id + " has an updatedAt that is no time: " + text);
        }
    }

    @Override
    public void close() {
        // nothing to release: each request is complete when it returns
    }
}
