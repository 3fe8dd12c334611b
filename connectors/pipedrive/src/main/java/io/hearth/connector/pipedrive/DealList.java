package io.hearth.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.crm.http.Query;
import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.SourceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pipedrive's deals: {@code GET /api/v2/deals} (open, won and lost; deleted ones are not listed) with
 * API v2's cursor pagination, whose cursor is the deal cursor; every read lists all deals, and the last
 * batch's cursor is empty, so the next run starts over (re-reading an unchanged deal stores nothing).
 * Stages are given by name, read once per reader from {@code GET /api/v2/stages} (a stage Pipedrive
 * no longer lists goes by its id), so a connection maps them with {@code stage.<name>=<hearth stage>}.
 *
 * <p>A deal maps to {@link DealFields}: {@code title}, {@code value} and {@code currency} the amount,
 * the stage's name, {@code expected_close_date}, {@code owner_id} the owner, {@code status} (open, won,
 * lost) the outcome, {@code lost_reason} the reason and {@code person_id} the contact, by the person id
 * the person sync linked.
 */
final class DealList implements RecordReader {
    static final String PATH = "/api/v2/deals";
    static final String STAGES = "/api/v2/stages";

    private final CrmHttp http;
    private final int pageSize;
    private final Map<String, String> stageNames = new HashMap<>();
    private String cursor;
    private boolean stagesRead;
    private boolean finished;

    /** @param cursor Pipedrive's cursor to go on from; null or empty to start */
    DealList(CrmHttp http, int pageSize, String cursor) {
        this.http = http;
        this.pageSize = pageSize;
        this.cursor = cursor == null || cursor.isEmpty() ? null : cursor;
    }

    @Override
    public Batch read(int maxRecords) {
        if (finished) {
            return new Batch(List.of(), List.of(), "", true);
        }
        if (!stagesRead) {
            for (JsonNode stage : Answers.data(http.get(STAGES, Query.of("limit", "500")))) {
                stageNames.put(stage.path("id").asText(), stage.path("name").asText());
            }
            stagesRead = true;
        }
        JsonReply reply = http.get(
                PATH,
                Query.of("limit", Integer.toString(Math.max(1, Math.min(pageSize, maxRecords))), "sort_by", "id")
                        .and("cursor", cursor));
        List<SourceRecord> records = new ArrayList<>();
        for (JsonNode deal : Answers.data(reply)) {
            records.add(deal(reply, deal));
        }
        String next = reply.text(reply.body(), "/additional_data/next_cursor").orElse(null);
        if (next != null && next.equals(cursor)) {
            throw Answers.broken(
                    reply,
                    "gives the cursor it was asked with as the next one, which would read the same page forever");
        }
        cursor = next;
        finished = next == null;
        return new Batch(records, List.of(), finished ? "" : next, finished);
    }

    private SourceRecord deal(JsonReply reply, JsonNode deal) {
        String id = reply.requireText(deal, "id");
        Instant modified = Answers.time(reply, deal, "update_time");
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, DealFields.TITLE, deal, "title");
        put(fields, DealFields.AMOUNT, deal, "value");
        put(fields, DealFields.CURRENCY, deal, "currency");
        String stage = text(deal, "stage_id");
        if (stage != null) {
            fields.put(DealFields.STAGE, stageNames.getOrDefault(stage, stage));
        }
        put(fields, DealFields.CLOSE_DATE, deal, "expected_close_date");
        put(fields, DealFields.OWNER, deal, "owner_id");
        String status = text(deal, "status");
        if ("won".equals(status) || "lost".equals(status) || "open".equals(status)) {
            fields.put(DealFields.OUTCOME, status);
        }
        put(fields, DealFields.REASON, deal, "lost_reason");
        put(fields, DealFields.CONTACT_ID, deal, "person_id");
        if ("deleted".equals(status) || deal.path("is_deleted").asBoolean(false)) {
            return SourceRecord.deleted(id, modified, "deal " + id);
        }
        return new SourceRecord(id, modified, fields, "deal " + id);
    }

    private static void put(Map<String, String> fields, String name, JsonNode node, String field) {
        String value = text(node, field);
        if (value != null) {
            fields.put(name, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    @Override
    public void close() {
        // nothing to release: each request is complete when it returns
    }
}
