package io.hearth.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmResponse;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.WriteResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What HubSpot answered to a batch call ({@code .../batch/update}, {@code /batch/upsert},
 * {@code /batch/create}, {@code /batch/read}): 200 or 201 when every input went through, 207
 * (multi-status) with {@code errors} naming the inputs that did not in {@code context.ids}.
 */
record BatchAnswer(List<JsonNode> results, List<Error> errors) {
    /** One failed part of a batch: the ids it names (may be none) and HubSpot's message. */
    record Error(List<String> ids, String message) {}

    private static final Pattern MISSING_PROPERTY =
            Pattern.compile("Property [\\\\\"]*([A-Za-z0-9_]{1,100})[\\\\\"]* does not exist");

    /** Reads a 2xx answer; an answer that is not the JSON expected fails the run. */
    static BatchAnswer of(CrmResponse response) {
        JsonNode body = response.jsonIfAny()
                .filter(JsonNode::isObject)
                .orElseThrow(() -> new FatalConnectorException(
                        "HubSpot answered " + response.request().describe() + " with " + response.status()
                                + " and a body that is no JSON object: " + response.excerpt()
                                + "; the run stops without moving its cursor"));
        List<JsonNode> results = new ArrayList<>();
        body.path("results").forEach(results::add);
        List<Error> errors = new ArrayList<>();
        for (JsonNode error : body.path("errors")) {
            List<String> ids = new ArrayList<>();
            error.path("context").path("ids").forEach(id -> ids.add(id.asText()));
            errors.add(new Error(
                    ids, error.path("message").asText(error.path("category").asText("an error"))));
        }
        return new BatchAnswer(results, errors);
    }

    /** The message of the error naming {@code id}, if any. */
    Optional<String> errorFor(String id) {
        return errors.stream()
                .filter(error -> error.ids().contains(id))
                .map(Error::message)
                .findFirst();
    }

    /** Every error message, for an input HubSpot reported neither as done nor by name. */
    String allErrors() {
        return errors.isEmpty()
                ? "HubSpot reported no result for it"
                : String.join(
                        "; ",
                        errors.stream().map(Error::message).distinct().limit(3).toList());
    }

    /** One record to update by its HubSpot id: where its result goes, whose it is, what changes. */
    record Update(int index, String hearthId, String id, Map<String, String> properties) {}

    /**
     * Updates records by their HubSpot ids ({@code .../batch/update}), writing each one's result at
     * its index: written when HubSpot answered for all, or for its id (an id of a merged record is
     * updated under the survivor's new id, so "all answered" counts too), else failed with HubSpot's
     * error for it.
     *
     * @param object what the records are, for the messages: {@code contact}, {@code deal}
     */
    static void updateById(
            List<Update> updates,
            Function<List<Map<String, Object>>, CrmResponse> call,
            String object,
            WriteResult[] results) {
        send(
                updates,
                part -> call.apply(part.stream()
                        .map(update -> Map.<String, Object>of("id", update.id(), "properties", update.properties()))
                        .toList()),
                object,
                (part, answer) -> {
                    Set<String> done = new HashSet<>();
                    answer.results()
                            .forEach(result -> done.add(result.path("id").asText()));
                    boolean all = answer.errors().isEmpty() && answer.results().size() == part.size();
                    for (Update update : part) {
                        results[update.index()] = all || done.contains(update.id())
                                ? WriteResult.written(update.hearthId(), update.id())
                                : WriteResult.failed(
                                        update.hearthId(),
                                        "HubSpot " + object + " " + update.id() + " was not updated: "
                                                + answer.errorFor(update.id()).orElse(answer.allErrors()));
                    }
                },
                (update, reason) -> results[update.index()] = WriteResult.failed(update.hearthId(), reason));
    }

    /**
     * Sends {@code items} in one call. HubSpot refuses a whole batch for one bad input (400, e.g. a value
     * that is not one of a dropdown's options) without saying which, so a refused batch is split in
     * halves and sent again until each refused input stands alone: at most 2n - 1 calls, and only for
     * a batch holding a bad input. A property that does not exist fails the run instead: every input
     * would fail alike, and the user must create the property.
     *
     * @param answered gets each part HubSpot took, with its answer
     * @param refused  gets each input HubSpot refused alone, with HubSpot's reason
     */
    static <T> void send(
            List<T> items,
            Function<List<T>, CrmResponse> call,
            String object,
            BiConsumer<List<T>, BatchAnswer> answered,
            BiConsumer<T, String> refused) {
        if (items.isEmpty()) {
            return;
        }
        CrmResponse response = call.apply(items);
        if (response.isSuccess()) {
            answered.accept(items, of(response));
            return;
        }
        String reason = new HubSpotErrors().describe(response);
        Matcher missing = MISSING_PROPERTY.matcher(response.bodyText());
        if (response.bodyText().contains("PROPERTY_DOESNT_EXIST") || missing.find()) {
            String name = missing.find(0) ? "'" + missing.group(1) + "'" : "a property this connector writes";
            throw new FatalConnectorException("HubSpot has no " + object + " property " + name + " ("
                    + response.request().describe() + " answered " + response.status() + "): create it in HubSpot "
                    + "(Settings > Properties) as the connector's README describes, or name an existing one in the "
                    + "connection's config");
        }
        if (items.size() == 1) {
            refused.accept(items.get(0), "HubSpot refused it (" + response.status() + "): " + reason);
            return;
        }
        int half = items.size() / 2;
        send(items.subList(0, half), call, object, answered, refused);
        send(items.subList(half, items.size()), call, object, answered, refused);
    }
}
