package io.hearth.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.CrmResponse;
import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.DealWriter;
import io.hearth.connector.spi.OutgoingDeal;
import io.hearth.connector.spi.WriteResult;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes Hearth's deals to HubSpot deals, at most {@value #MAX_BATCH} per call:
 * <ul>
 *   <li>a deal Hearth knows the HubSpot id of is updated by that id ({@code batch/update}) with the
 *       fields it was given; a deal deleted in HubSpot comes back as a per-deal error;
 *   <li>any other deal is created by an upsert on the unique deal property {@code deal_id_property}
 *       holding Hearth's id ({@code batch/upsert}): a create retried after its answer was lost finds
 *       the deal it made instead of making a second. It goes in {@code deal_pipeline}, and is then
 *       associated with its contact ({@code v4 associations batch/associate/default}, idempotent too);
 *   <li>Hearth's stage is written as the dealstage {@code deal_stages} names for it (the reverse of how
 *       a read maps HubSpot's stages); a deal in a stage it does not name is refused, naming the key.
 * </ul>
 * Every call is idempotent, so the HTTP layer sends it again after a timeout or a 5xx. The amount goes
 * to {@code amount} with its currency in {@code deal_currency_code}, except in an account with one
 * currency ({@code deal_currency} set), where a deal in another currency is refused; the close date to
 * {@code closedate} (midnight UTC of the day, which a read takes back as that day); the reason to
 * {@code closed_lost_reason} or {@code closed_won_reason}. HubSpot derives won or lost from the stage.
 * Not the owner: HubSpot's is an owner id, Hearth's a rep. Needs the {@code crm.objects.deals.write}
 * scope.
 */
final class HubSpotDealWriter implements DealWriter {
    static final int MAX_BATCH = 100;
    static final String UPDATE = "/crm/v3/objects/deals/batch/update";
    static final String UPSERT = "/crm/v3/objects/deals/batch/upsert";
    static final String ASSOCIATE = "/crm/v4/associations/deals/contacts/batch/associate/default";

    private static final String HUBSPOT_ID = "\\d{1,18}";

    private final CrmHttp http;
    private final String idProperty;
    private final String pipeline;
    private final Map<String, String> stages;
    /** The account's one currency, or {@code null} when deals carry theirs. */
    private final String accountCurrency;

    HubSpotDealWriter(
            CrmHttp http, String idProperty, String pipeline, Map<String, String> stages, String accountCurrency) {
        this.http = http;
        this.idProperty = idProperty;
        this.pipeline = pipeline;
        this.stages = Map.copyOf(stages);
        this.accountCurrency = accountCurrency;
    }

    /** One deal to send: its place in the write, its key (HubSpot id, or Hearth's id to upsert on), its properties. */
    private record Input(int index, OutgoingDeal deal, String key, Map<String, String> properties) {}

    /** Why a deal's fields cannot be written as HubSpot properties. */
    private static final class Unwritable extends Exception {
        Unwritable(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public List<WriteResult> write(List<OutgoingDeal> deals) {
        WriteResult[] results = new WriteResult[deals.size()];
        List<Input> updates = new ArrayList<>();
        List<Input> creates = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < deals.size(); i++) {
            OutgoingDeal deal = deals.get(i);
            String id = deal.externalId() == null ? null : deal.externalId().strip();
            Map<String, String> properties;
            try {
                properties = properties(deal.fields());
            } catch (Unwritable e) {
                results[i] = WriteResult.failed(deal.hearthId(), e.getMessage());
                continue;
            }
            if (id != null && !id.matches(HUBSPOT_ID)) {
                results[i] = WriteResult.failed(deal.hearthId(), "'" + clip(id) + "' is not a HubSpot deal id");
            } else if (!keys.add(id != null ? id : deal.hearthId())) {
                results[i] = WriteResult.failed(
                        deal.hearthId(), "the deal is written twice in one write; it was written the first time only");
            } else if (id != null) {
                if (properties.isEmpty()) {
                    results[i] = WriteResult.written(deal.hearthId(), id);
                } else {
                    updates.add(new Input(i, deal, id, properties));
                }
            } else if (deal.contactExternalId() == null
                    || !deal.contactExternalId().strip().matches(HUBSPOT_ID)) {
                results[i] = WriteResult.failed(
                        deal.hearthId(),
                        "a deal is created in HubSpot with its contact, and this deal's contact has no HubSpot "
                                + "contact id");
            } else {
                properties.put("pipeline", pipeline);
                // sent as a property too, so that the answer carries it and each result finds its deal
                properties.put(idProperty, deal.hearthId());
                creates.add(new Input(i, deal, deal.hearthId(), properties));
            }
        }
        for (int from = 0; from < updates.size(); from += MAX_BATCH) {
            update(updates.subList(from, Math.min(from + MAX_BATCH, updates.size())), results);
        }
        for (int from = 0; from < creates.size(); from += MAX_BATCH) {
            create(creates.subList(from, Math.min(from + MAX_BATCH, creates.size())), results);
        }
        return Arrays.asList(results);
    }

    /** HubSpot's properties for a deal's {@link DealFields}. */
    private Map<String, String> properties(Map<String, String> fields) throws Unwritable {
        Map<String, String> properties = new LinkedHashMap<>();
        put(properties, "dealname", fields.get(DealFields.TITLE));
        String amount = fields.get(DealFields.AMOUNT);
        if (amount != null) {
            properties.put("amount", amount.strip());
            String currency = fields.get(DealFields.CURRENCY);
            if (accountCurrency == null) {
                put(properties, "deal_currency_code", currency);
            } else if (currency != null && !currency.strip().equalsIgnoreCase(accountCurrency)) {
                throw new Unwritable("the deal is in " + currency.strip() + " and this HubSpot account keeps its deals"
                        + " in " + accountCurrency + " (deal_currency)");
            }
        }
        String close = fields.get(DealFields.CLOSE_DATE);
        if (close != null) {
            try {
                properties.put("closedate", LocalDate.parse(close.strip()) + "T00:00:00Z");
            } catch (DateTimeParseException e) {
                throw new Unwritable("the close date '" + clip(close) + "' is not an ISO date");
            }
        }
        String stage = fields.get(DealFields.STAGE);
        if (stage != null) {
            String dealstage = stages.get(stage.strip());
            if (dealstage == null) {
                throw new Unwritable("Hearth's stage '" + clip(stage) + "' has no HubSpot stage; add "
                        + clip(stage.strip()) + "=<dealstage id> to the connection's "
                        + HubSpotConfig.DEAL_STAGES.name());
            }
            properties.put("dealstage", dealstage);
        }
        String reason = fields.get(DealFields.REASON);
        if (reason != null) {
            String outcome = fields.getOrDefault(DealFields.OUTCOME, "");
            if (outcome.equals("lost")) {
                properties.put("closed_lost_reason", reason);
            } else if (outcome.equals("won")) {
                properties.put("closed_won_reason", reason);
            }
        }
        return properties;
    }

    private void update(List<Input> inputs, WriteResult[] results) {
        BatchAnswer.updateById(
                inputs.stream()
                        .map(input -> new BatchAnswer.Update(
                                input.index(), input.deal().hearthId(), input.key(), input.properties()))
                        .toList(),
                body -> send(UPDATE, body),
                "deal",
                results);
    }

    /** Upserts the deals on Hearth's id, then associates each with its contact. */
    private void create(List<Input> inputs, WriteResult[] results) {
        Map<Input, String> created = new LinkedHashMap<>();
        BatchAnswer.send(
                inputs,
                part -> send(
                        UPSERT,
                        part.stream()
                                .map(input -> Map.of(
                                        "idProperty", idProperty, "id", input.key(), "properties", input.properties()))
                                .toList()),
                "deal",
                (part, answer) -> {
                    Map<String, String> byHearthId = new HashMap<>();
                    for (JsonNode result : answer.results()) {
                        byHearthId.put(
                                result.path("properties").path(idProperty).asText(""),
                                result.path("id").asText(""));
                    }
                    for (Input input : part) {
                        String id = byHearthId.get(input.key());
                        if (id == null && part.size() == 1 && answer.results().size() == 1) {
                            id = answer.results().get(0).path("id").asText("");
                        }
                        if (id == null || !id.matches(HUBSPOT_ID)) {
                            results[input.index()] = WriteResult.failed(
                                    input.deal().hearthId(),
                                    "HubSpot did not create the deal: "
                                            + answer.errorFor(input.key()).orElse(answer.allErrors()));
                        } else {
                            created.put(input, id);
                        }
                    }
                },
                (input, reason) ->
                        results[input.index()] = WriteResult.failed(input.deal().hearthId(), reason));
        associate(created, results);
    }

    /**
     * Associates each created deal with its contact (HubSpot's default deal-to-contact association).
     * A deal whose association fails is answered failed: Hearth writes it again later, and the upsert
     * finds it.
     */
    private void associate(Map<Input, String> created, WriteResult[] results) {
        List<Map.Entry<Input, String>> pairs = new ArrayList<>(created.entrySet());
        BatchAnswer.send(
                pairs,
                part -> send(
                        ASSOCIATE,
                        part.stream()
                                .map(pair -> Map.of(
                                        "from", Map.of("id", pair.getValue()),
                                        "to", Map.of("id", contactOf(pair.getKey()))))
                                .toList()),
                "deal",
                (part, answer) -> {
                    Set<String> associated = new HashSet<>();
                    answer.results()
                            .forEach(result -> associated.add(
                                    result.path("from").path("id").asText("")));
                    for (Map.Entry<Input, String> pair : part) {
                        Input input = pair.getKey();
                        boolean done = answer.errors().isEmpty() || associated.contains(pair.getValue());
                        results[input.index()] = done
                                ? WriteResult.written(input.deal().hearthId(), pair.getValue())
                                : notAssociated(
                                        pair,
                                        answer.errorFor(pair.getValue())
                                                .or(() -> answer.errorFor(contactOf(input)))
                                                .orElse(answer.allErrors()));
                    }
                },
                (pair, reason) -> results[pair.getKey().index()] = notAssociated(pair, reason));
    }

    private static WriteResult notAssociated(Map.Entry<Input, String> pair, String reason) {
        return WriteResult.failed(
                pair.getKey().deal().hearthId(),
                "HubSpot deal " + pair.getValue() + " was written but not associated with contact "
                        + contactOf(pair.getKey()) + ": " + reason);
    }

    private static String contactOf(Input input) {
        return input.deal().contactExternalId().strip();
    }

    private CrmResponse send(String path, List<? extends Map<String, ?>> inputs) {
        return http.send(CrmHttp.jsonRequest("POST", path, Map.of("inputs", inputs)));
    }

    private static void put(Map<String, String> properties, String name, String value) {
        if (value != null && !value.isBlank()) {
            properties.put(name, value.strip());
        }
    }

    private static String clip(String text) {
        return text.length() <= 30 ? text : text.substring(0, 29) + "…";
    }

    @Override
    public void close() {
        // every call is complete when it returns: nothing is buffered
    }
}
