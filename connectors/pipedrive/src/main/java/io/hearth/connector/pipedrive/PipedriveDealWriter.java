package io.hearth.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.CrmResponse;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.crm.http.Query;
import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.DealWriter;
import io.hearth.connector.spi.OutgoingDeal;
import io.hearth.connector.spi.WriteResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes deals to Pipedrive, one at a time (Pipedrive has no batch create or update for deals): a deal
 * with a Pipedrive id is updated ({@code PATCH /api/v2/deals/{id}}), one without is created
 * ({@code POST /api/v2/deals}, never resent by the HTTP layer once it may have arrived; with
 * {@code deal_id_field} it keeps the deal's Hearth id, by which a retry finds it). The mapping is
 * {@link DealList}'s the other way round, so what is written reads back as the same deal. A deal Pipedrive
 * refuses (gone, invalid) is a failed result and the others go on; rate limits and outages are crm-http's
 * retries, then a {@link io.hearth.connector.spi.RetriableConnectorException}.
 */
final class PipedriveDealWriter implements DealWriter {
    private final CrmHttp http;
    private final PipedriveConfig config;
    private final PipedriveErrors errors = new PipedriveErrors();
    private final Directory directory;
    private DealStages stages;

    PipedriveDealWriter(CrmHttp http, PipedriveConfig config) {
        this.http = http;
        this.config = config;
        this.directory = new Directory(http);
    }

    @Override
    public List<WriteResult> write(List<OutgoingDeal> deals) {
        Map<String, JsonNode> current = current(deals);
        Map<String, JsonNode> created = createdEarlier(deals);
        List<WriteResult> results = new ArrayList<>(deals.size());
        for (OutgoingDeal deal : deals) {
            try {
                results.add(WriteResult.written(deal.hearthId(), write(deal, current, created)));
            } catch (Refused refused) {
                results.add(WriteResult.failed(deal.hearthId(), refused.getMessage()));
            }
        }
        return results;
    }

    /**
     * Writes one deal and returns its Pipedrive id. {@code created} holds the deals an earlier attempt created
     * (by Hearth id), which are updated rather than created twice.
     */
    private String write(OutgoingDeal deal, Map<String, JsonNode> current, Map<String, JsonNode> created)
            throws Refused {
        String id = deal.externalId();
        JsonNode earlier = id == null ? created.get(deal.hearthId()) : null;
        if (earlier != null) {
            id = earlier.path("id").asText();
            current = Map.of(id, earlier);
        }
        if (id == null) {
            ObjectNode body = body(deal, null);
            config.dealIdField()
                    .ifPresent(field -> body.putObject("custom_fields").put(field, deal.hearthId()));
            return create(body);
        }
        if (!isId(id)) {
            throw new Refused("its id " + Quote.of(id) + " is no Pipedrive deal id");
        }
        JsonNode now = current.get(id);
        if (now == null) {
            throw new Refused(gone(id));
        }
        ObjectNode body = body(deal, now);
        if (!body.isEmpty()) {
            CrmResponse response = http.send(CrmHttp.jsonRequest("PATCH", DealList.PATH + "/" + id, body));
            if (response.status() == 404) {
                throw new Refused(gone(id));
            }
            refuseUnlessWritten(response);
        }
        return id;
    }

    /**
     * Sent once: should its answer be lost, the run fails retriably rather than risk a second deal. A deal
     * is only created with its person, without whom a read would give Hearth a deal of nobody.
     */
    private String create(ObjectNode body) throws Refused {
        if (!body.hasNonNull("person_id")) {
            throw new Refused("its contact is not in Pipedrive yet (no Pipedrive person id); write the contact first");
        }
        if (!body.hasNonNull("title")) {
            throw new Refused("a new Pipedrive deal needs a title, and this deal has none");
        }
        CrmResponse response =
                http.send(CrmHttp.jsonRequest("POST", DealList.PATH, body).notRepeatable());
        refuseUnlessWritten(response);
        JsonReply reply = http.json(response);
        return reply.requireText(reply.require("data"), "id");
    }

    /**
     * What to send for the deal: the fields it has, as {@link DealList} reads them. {@code now} is the deal
     * as Pipedrive has it, null for a new one.
     */
    private ObjectNode body(OutgoingDeal deal, JsonNode now) throws Refused {
        Map<String, String> fields = deal.fields();
        ObjectNode body = PipedriveJson.object();
        given(fields, DealFields.TITLE).ifPresent(title -> body.put("title", title));
        Optional<String> amount = given(fields, DealFields.AMOUNT);
        if (amount.isPresent()) {
            try {
                body.put("value", new BigDecimal(amount.get()));
            } catch (NumberFormatException e) {
                throw new Refused("its amount " + Quote.of(amount.get()) + " is not a number");
            }
        }
        given(fields, DealFields.CURRENCY)
                .ifPresent(currency -> body.put("currency", currency.toUpperCase(Locale.ROOT)));
        Optional<String> close = given(fields, DealFields.CLOSE_DATE);
        if (close.isPresent()) {
            try {
                body.put("expected_close_date", LocalDate.parse(close.get()).toString());
            } catch (DateTimeParseException e) {
                throw new Refused("its close date " + Quote.of(close.get()) + " is not an ISO date");
            }
        }
        Optional<String> owner = given(fields, DealFields.OWNER).flatMap(this::ownerId);
        owner.ifPresent(ownerId -> body.put("owner_id", Long.parseLong(ownerId)));
        String contact = deal.contactExternalId();
        if (contact != null) {
            if (!isId(contact)) {
                throw new Refused("its contact's id " + Quote.of(contact) + " is no Pipedrive person id");
            }
            body.put("person_id", Long.parseLong(contact));
        }
        String outcome = outcome(fields);
        // an update carries only the fields Hearth owns: without the stage (and outcome), the status is Pipedrive's,
        // and sending "open" would reopen a deal closed there
        if (now == null || fields.containsKey(DealFields.OUTCOME) || fields.containsKey(DealFields.STAGE)) {
            body.put("status", outcome);
        }
        if (outcome.equals("lost")) {
            given(fields, DealFields.REASON).ifPresent(reason -> body.put("lost_reason", reason));
        }
        Optional<String> stage = given(fields, DealFields.STAGE);
        if (outcome.equals("open") && stage.isPresent()) {
            // a won or lost deal stays in the stage it closed in: Pipedrive's status says it is closed
            stage(stage.get(), now).ifPresent(stageId -> body.put("stage_id", stageId));
        }
        return body;
    }

    /** The stage to move the deal to, or empty when its current stage already stands for {@code hearthStage}. */
    private Optional<Long> stage(String hearthStage, JsonNode now) throws Refused {
        if (stages == null) {
            stages = DealStages.load(http, config.dealStages());
        }
        long currentStage = now == null ? -1 : now.path("stage_id").asLong(-1);
        if (now != null && stages.standsFor(currentStage, hearthStage)) {
            return Optional.empty();
        }
        long pipeline = now == null ? -1 : now.path("pipeline_id").asLong(-1);
        DealStages.Stage target =
                stages.stageFor(hearthStage, pipeline).orElseThrow(() -> new Refused(stages.missing(hearthStage)));
        return Optional.of(target.id());
    }

    /** {@code open}, {@code won} or {@code lost}: the outcome when given, else what a closing stage says. */
    private static String outcome(Map<String, String> fields) throws Refused {
        String outcome = given(fields, DealFields.OUTCOME)
                .map(text -> text.toLowerCase(Locale.ROOT))
                .orElseGet(() -> switch (fields.getOrDefault(DealFields.STAGE, "")) {
                    case "closed_won" -> "won";
                    case "closed_lost" -> "lost";
                    default -> "open";
                });
        if (!List.of("open", "won", "lost").contains(outcome)) {
            throw new Refused("its outcome " + Quote.of(outcome) + " is not open, won or lost");
        }
        return outcome;
    }

    /**
     * The Pipedrive user id of a deal's owner: the id itself (as {@link DealList} reads it), else the user
     * with that email; empty for anyone else, whose deal keeps its owner (a new one gets the token's user).
     */
    private Optional<String> ownerId(String owner) {
        if (isId(owner)) {
            return Optional.of(owner);
        }
        return owner.contains("@") ? directory.userId(owner) : Optional.empty();
    }

    /**
     * With {@code deal_id_field}: the deals an earlier attempt of these creates made (its answer lost), by the
     * Hearth id they keep in that field, read from the deals of the persons the creates are for, 500 a page
     * (an exact list, unlike the search, whose index lags behind a create).
     */
    private Map<String, JsonNode> createdEarlier(List<OutgoingDeal> deals) {
        Map<String, JsonNode> created = new HashMap<>();
        if (config.dealIdField().isEmpty()) {
            return created;
        }
        String field = config.dealIdField().get();
        List<String> persons = deals.stream()
                .filter(deal -> deal.externalId() == null)
                .map(OutgoingDeal::contactExternalId)
                .filter(id -> id != null && isId(id))
                .distinct()
                .toList();
        for (String person : persons) {
            String cursor = null;
            int pages = 0;
            do {
                JsonReply reply = http.get(
                        DealList.PATH,
                        Query.of("person_id", person, "limit", Integer.toString(PipedriveConfig.MAX_PAGE_SIZE))
                                .and("cursor", cursor));
                for (JsonNode deal : Answers.data(reply)) {
                    PipedriveJson.text(deal.path("custom_fields"), field)
                            .ifPresent(hearthId -> created.putIfAbsent(hearthId, deal));
                }
                cursor =
                        reply.text(reply.body(), "/additional_data/next_cursor").orElse(null);
            } while (cursor != null && ++pages < TouchWriter.MAX_ACTIVITY_PAGES);
        }
        return created;
    }

    /** The deals to update as Pipedrive has them now ({@code GET /api/v2/deals?ids=}), by id; a gone one is absent. */
    private Map<String, JsonNode> current(List<OutgoingDeal> deals) {
        List<String> ids = deals.stream()
                .map(OutgoingDeal::externalId)
                .filter(id -> id != null && isId(id))
                .distinct()
                .toList();
        Map<String, JsonNode> current = new HashMap<>();
        for (int from = 0; from < ids.size(); from += Directory.IDS_PER_REQUEST) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + Directory.IDS_PER_REQUEST));
            JsonReply reply = http.get(
                    DealList.PATH,
                    Query.of("ids", String.join(",", chunk), "limit", Integer.toString(Directory.IDS_PER_REQUEST)));
            for (JsonNode deal : Answers.data(reply)) {
                current.put(reply.requireText(deal, "id"), deal);
            }
        }
        return current;
    }

    private void refuseUnlessWritten(CrmResponse response) throws Refused {
        if (!response.isSuccess()) {
            throw new Refused("Pipedrive refused it (" + response.status() + ": " + errors.describe(response) + ")");
        }
    }

    private static String gone(String id) {
        return "Pipedrive has no deal " + id + " (deleted in Pipedrive?)";
    }

    private static Optional<String> given(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static boolean isId(String text) {
        return text.matches("\\d{1,18}");
    }

    @Override
    public void close() {
        // every write is sent when made: nothing to flush
    }

    /** Why Pipedrive would not take one deal; the others are written. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
