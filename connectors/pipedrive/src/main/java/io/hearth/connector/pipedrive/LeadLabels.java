package io.hearth.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.JsonReply;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The company's lead labels (Hot, Warm, Cold and its own), by id and by name. */
final class LeadLabels {
    static final String PATH = "/api/v1/leadLabels";

    private final Map<String, String> nameById;

    private LeadLabels(Map<String, String> nameById) {
        this.nameById = nameById;
    }

    static LeadLabels load(CrmHttp http) {
        JsonReply reply = http.get(PATH);
        Map<String, String> names = new LinkedHashMap<>();
        for (JsonNode label : Answers.data(reply)) {
            names.put(reply.requireText(label, "id"), reply.requireText(label, "name"));
        }
        return new LeadLabels(names);
    }

    Optional<String> nameOf(String id) {
        return Optional.ofNullable(nameById.get(id));
    }

    /** The id of the label with this name, in any letter case. */
    Optional<String> idOf(String name) {
        return nameById.entrySet().stream()
                .filter(e -> e.getValue().equalsIgnoreCase(name))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /**
     * Creates a label, for a temperature the company has none for (Pipedrive ships no "Cool"). Sent once:
     * a retried run finds it by name before creating it again.
     */
    String create(CrmHttp http, String name, String color) {
        JsonReply reply = http.postOnce(PATH, Map.of("name", name, "color", color));
        String id = reply.requireText(reply.require("data"), "id");
        nameById.put(id, name);
        return id;
    }
}
