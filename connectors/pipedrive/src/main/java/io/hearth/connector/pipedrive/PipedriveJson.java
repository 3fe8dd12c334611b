package io.hearth.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** The connector's JSON: request bodies, its cursor, and lenient reads of optional parts of Pipedrive's answers. */
final class PipedriveJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private PipedriveJson() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A text or number field as text, when present and not blank. */
    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank()
                ? Optional.of(value.asText().strip())
                : Optional.empty();
    }

    /** An id field (Pipedrive's are whole numbers, or UUIDs for leads) as text, when present. */
    static Optional<String> id(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isIntegralNumber()) {
            return Optional.of(value.asText());
        }
        // v1 sometimes answers a related id as an object with its "value"
        if (value.isObject()) {
            return id(value, "value");
        }
        return text(node, field);
    }
}
