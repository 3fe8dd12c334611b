package io.hearth.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.CrmRequest;
import io.hearth.connector.crm.http.CrmResponse;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.spi.FatalConnectorException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A person custom field Hearth reads or writes (the temperature or status field of the config). A text
 * field holds the word as is; a single-option field holds the id of the option whose label is the word,
 * so its options are read once per sync.
 */
final class CustomField {
    private final String key;
    private final String name;
    private final String configKey;
    private final Map<Long, String> optionLabels;

    private CustomField(String key, String name, String configKey, Map<Long, String> optionLabels) {
        this.key = key;
        this.name = name;
        this.configKey = configKey;
        this.optionLabels = optionLabels;
    }

    /** Reads the field's definition; a key Pipedrive does not know fails the run naming the config key. */
    static CustomField load(CrmHttp http, String key, String configKey) {
        CrmResponse response = http.send(CrmRequest.get("/api/v2/personFields/" + key));
        if (response.status() == 404) {
            throw new FatalConnectorException("Pipedrive has no person field with the key " + key + "; check "
                    + configKey + " (Pipedrive: Company settings > Data fields > Person, the field's API key)");
        }
        JsonReply reply = http.json(response);
        JsonNode field = reply.require("data");
        String type = reply.requireText(field, "field_type");
        Map<Long, String> options = new LinkedHashMap<>();
        if (type.equals("enum")) {
            field.path("options")
                    .forEach(option -> options.put(
                            option.path("id").asLong(), option.path("label").asText()));
        } else if (!type.equals("varchar") && !type.equals("text") && !type.equals("varchar_auto")) {
            throw new FatalConnectorException("Pipedrive's person field "
                    + Quote.of(field.path("field_name").asText()) + " (" + configKey + ") is of type " + type
                    + "; use a text or single-option field");
        }
        return new CustomField(key, field.path("field_name").asText(key), configKey, options);
    }

    String key() {
        return key;
    }

    /** The field's value in a person answer as text: an option's label, or the text itself. */
    Optional<String> read(JsonNode person) {
        JsonNode value = person.path("custom_fields").path(key);
        if (value.isObject()) {
            // some answers spell an option as {"id": 3, "label": "Hot"}
            value = value.has("label") ? value.path("label") : value.path("id");
        }
        if (value.isIntegralNumber() && !optionLabels.isEmpty()) {
            return Optional.ofNullable(optionLabels.get(value.asLong()));
        }
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank()
                ? Optional.of(value.asText().strip())
                : Optional.empty();
    }

    /** What to write to hold {@code label}: an option's id, or the text; empty when no option has that label. */
    Optional<Object> valueFor(String label) {
        if (optionLabels.isEmpty()) {
            return Optional.of(label);
        }
        String wanted = normalized(label);
        return optionLabels.entrySet().stream()
                .filter(e -> normalized(e.getValue()).equals(wanted))
                .map(e -> (Object) e.getKey())
                .findFirst();
    }

    /** Why {@code label} cannot be written, for a per-person error. */
    String noOptionFor(String label) {
        return "Pipedrive's field " + Quote.of(name) + " (" + configKey + ") has no option " + Quote.of(label)
                + "; add it in Pipedrive";
    }

    // "Working - Contacted", "WORKING_CONTACTED" and "working-contacted" name the same option
    private static String normalized(String label) {
        return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }
}
