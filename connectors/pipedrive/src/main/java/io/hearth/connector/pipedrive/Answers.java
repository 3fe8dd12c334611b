package io.hearth.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.spi.FatalConnectorException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Checked reads of Pipedrive's answers: a page that lacks what the reader needs fails the run unmoved. */
final class Answers {
    private Answers() {}

    /**
     * The {@code data} array of a list answer. Pipedrive's v1 endpoints answer an empty list as
     * {@code "data": null}; an answer without {@code data} at all is broken.
     */
    static List<JsonNode> data(JsonReply reply) {
        JsonNode data = reply.body().path("data");
        return data.isNull() ? List.of() : reply.requireArray("data");
    }

    /** A time field of a record; one that is absent or no time fails the run without moving its cursor. */
    static Instant time(JsonReply reply, JsonNode record, String field) {
        String text = reply.requireText(record, field);
        return PipedriveTime.parse(text)
                .orElseThrow(() -> broken(reply, "has '" + field + "' " + Quote.of(text) + ", which is no time"));
    }

    /** Whether a v1 list has more items: {@code additional_data.pagination.more_items_in_collection}, or flat. */
    static boolean moreItems(JsonReply reply, int received, int limit) {
        JsonNode additional = reply.body().path("additional_data");
        Optional<JsonNode> more = List.of(
                        additional.path("pagination").path("more_items_in_collection"),
                        additional.path("more_items_in_collection"))
                .stream()
                .filter(JsonNode::isBoolean)
                .findFirst();
        // without the flag, only a short page is surely the last
        return more.map(JsonNode::asBoolean).orElse(received >= limit);
    }

    static FatalConnectorException broken(JsonReply reply, String what) {
        return new FatalConnectorException("Pipedrive's answer to "
                + reply.response().request().describe() + " " + what + "; the run stops without moving its cursor");
    }
}
