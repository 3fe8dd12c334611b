package io.hearth.connector.crm.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.spi.FatalConnectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A successful JSON answer, with checks that fail the run with a message naming the request when the
 * answer lacks what the connector needs: a page without its {@code results} is a broken page, and
 * reading on would move the cursor past records never seen.
 *
 * <p>A {@code field} is a field name ({@code "results"}) or a JSON Pointer ({@code "/paging/next/after"}).
 * Messages list the field names the node has, never its values, which may be a person's details or a
 * token.
 */
public final class JsonReply {
    private final String system;
    private final CrmResponse response;
    private final JsonNode body;

    JsonReply(String system, CrmResponse response, JsonNode body) {
        this.system = requireNonNull(system, "system is null");
        this.response = requireNonNull(response, "response is null");
        this.body = requireNonNull(body, "body is null");
    }

    /** The whole answer; a {@code MissingNode} when the body was empty (a 204). */
    public JsonNode body() {
        return body;
    }

    public CrmResponse response() {
        return response;
    }

    /** The field of the body; fails the run when it is absent or null. */
    public JsonNode require(String field) {
        return require(body, field);
    }

    /** The field of {@code node}, a part of this answer; fails the run when it is absent or null. */
    public JsonNode require(JsonNode node, String field) {
        JsonNode value = at(node, field);
        if (value.isMissingNode() || value.isNull()) {
            throw broken("lacks '" + field + "'" + fieldsOf(node));
        }
        return value;
    }

    /** A text (or number, as text) field of {@code node}; fails the run when absent, null, blank or a structure. */
    public String requireText(JsonNode node, String field) {
        JsonNode value = require(node, field);
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw broken("has '" + field + "' as " + kind(value) + ", not a text");
        }
        return value.asText();
    }

    /** The elements of an array field of the body; fails the run when it is absent or no array. */
    public List<JsonNode> requireArray(String field) {
        return requireArray(body, field);
    }

    public List<JsonNode> requireArray(JsonNode node, String field) {
        JsonNode value = require(node, field);
        if (!value.isArray()) {
            throw broken("has '" + field + "' as " + kind(value) + ", not an array");
        }
        List<JsonNode> elements = new ArrayList<>(value.size());
        value.forEach(elements::add);
        return elements;
    }

    /** A text field of {@code node} when present and not blank: for optional fields and cursors. */
    public Optional<String> text(JsonNode node, String field) {
        JsonNode value = at(node, field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank()
                ? Optional.of(value.asText())
                : Optional.empty();
    }

    private static JsonNode at(JsonNode node, String field) {
        requireNonNull(node, "node is null");
        requireNonNull(field, "field is null");
        return field.startsWith("/") ? node.at(field) : node.path(field);
    }

    private FatalConnectorException broken(String what) {
        return new FatalConnectorException(system + "'s answer to "
                + response.request().describe() + " " + what + "; the run stops without moving its cursor");
    }

    private static String fieldsOf(JsonNode node) {
        if (!node.isObject()) {
            return " (the part read is " + kind(node) + ")";
        }
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        String list = String.join(", ", names.size() > 20 ? names.subList(0, 20) : names);
        return names.isEmpty() ? " (an empty object)" : " (it has " + list + (names.size() > 20 ? ", …" : "") + ")";
    }

    private static String kind(JsonNode node) {
        return node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
