package io.hearth.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.CrmRequest;
import io.hearth.connector.crm.http.CrmResponse;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.crm.http.Query;
import io.hearth.connector.spi.OutgoingPerson;
import io.hearth.connector.spi.StandardFields;
import io.hearth.connector.spi.WriteResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the fields Hearth owns to Pipedrive persons, one person at a time: Pipedrive has no batch
 * update for persons. A person is found by its Pipedrive id, else by its email; one Pipedrive does not
 * have yet is created. A person Pipedrive refuses (gone, invalid) is a failed result; the others go on.
 */
final class PersonWriter {
    static final String PERSONS = "/api/v2/persons";
    private static final Map<String, String> LABEL_COLORS =
            Map.of("hot", "red", "warm", "orange", "cool", "blue", "cold", "gray");

    private final CrmHttp http;
    private final PipedriveConfig config;
    private final PipedriveErrors errors = new PipedriveErrors();
    private LeadLabels leadLabels;
    private CustomField temperatureField;
    private CustomField statusField;

    PersonWriter(CrmHttp http, PipedriveConfig config) {
        this.http = http;
        this.config = config;
    }

    List<WriteResult> write(List<OutgoingPerson> people) {
        List<WriteResult> results = new ArrayList<>(people.size());
        for (OutgoingPerson person : people) {
            try {
                results.add(WriteResult.written(person.hearthId(), write(person)));
            } catch (Refused refused) {
                results.add(WriteResult.failed(person.hearthId(), refused.getMessage()));
            }
        }
        return results;
    }

    /** Writes one person and returns its Pipedrive id. */
    private String write(OutgoingPerson person) throws Refused {
        Map<String, String> fields = person.fields();
        Optional<String> id = find(person);
        if (id.isEmpty()) {
            return create(fields);
        }
        ObjectNode body = PipedriveJson.object();
        FieldOwnership ownership = config.ownership();
        if (ownership.ownsName()) {
            name(fields).ifPresent(name -> body.put("name", name));
        }
        if (ownership.owns(StandardFields.EMAIL) || ownership.owns(StandardFields.PHONE)) {
            JsonNode current = current(id.get());
            if (ownership.owns(StandardFields.EMAIL) && fields.containsKey(StandardFields.EMAIL)) {
                body.set("emails", withPrimary(current.path("emails"), fields.get(StandardFields.EMAIL)));
            }
            if (ownership.owns(StandardFields.PHONE) && fields.containsKey(StandardFields.PHONE)) {
                body.set("phones", withPrimary(current.path("phones"), fields.get(StandardFields.PHONE)));
            }
        }
        ObjectNode custom = customFields(fields);
        if (!custom.isEmpty()) {
            body.set("custom_fields", custom);
        }
        if (!body.isEmpty()) {
            CrmResponse response = http.send(CrmHttp.jsonRequest("PATCH", PERSONS + "/" + id.get(), body));
            refuseUnlessWritten(response, id.get());
        }
        if (ownership.owns(StandardFields.TEMPERATURE)
                && config.temperatureField().isEmpty()
                && fields.containsKey(StandardFields.TEMPERATURE)) {
            labelLeads(id.get(), temperature(fields));
        }
        return id.get();
    }

    /** The person's Pipedrive id: the one Hearth knows, else the one person with its email; empty for none. */
    private Optional<String> find(OutgoingPerson person) throws Refused {
        if (person.externalId() != null) {
            if (!person.externalId().matches("\\d{1,18}")) {
                throw new Refused("its id " + Quote.of(person.externalId()) + " is no Pipedrive person id");
            }
            return Optional.of(person.externalId());
        }
        String email = person.fields().get(StandardFields.EMAIL);
        if (email == null || email.isBlank()) {
            throw new Refused("it has neither a Pipedrive id nor an email to find it by");
        }
        JsonReply reply = http.get(
                PERSONS + "/search",
                Query.of("term", email.strip(), "fields", "email", "exact_match", "true", "limit", "2"));
        List<JsonNode> items = reply.requireArray(reply.require("data"), "items");
        if (items.size() > 1) {
            throw new Refused(
                    "several Pipedrive persons have the email " + email.strip() + "; merge them in Pipedrive");
        }
        return items.isEmpty() ? Optional.empty() : Optional.of(reply.requireText(items.get(0), "/item/id"));
    }

    /**
     * Creates a person Pipedrive does not have, with its identity (Pipedrive has none to keep) and the
     * fields Hearth owns. Sent once: after a lost answer, the retried write finds the person by its email.
     */
    private String create(Map<String, String> fields) throws Refused {
        ObjectNode body = PipedriveJson.object();
        body.put("name", name(fields).orElse(fields.get(StandardFields.EMAIL)));
        body.set("emails", withPrimary(PipedriveJson.MAPPER.createArrayNode(), fields.get(StandardFields.EMAIL)));
        if (fields.containsKey(StandardFields.PHONE)) {
            body.set("phones", withPrimary(PipedriveJson.MAPPER.createArrayNode(), fields.get(StandardFields.PHONE)));
        }
        ObjectNode custom = customFields(fields);
        if (!custom.isEmpty()) {
            body.set("custom_fields", custom);
        }
        CrmResponse response =
                http.send(CrmHttp.jsonRequest("POST", PERSONS, body).notRepeatable());
        refuseUnlessWritten(response, null);
        JsonReply reply = http.json(response);
        return reply.requireText(reply.require("data"), "id");
    }

    private JsonNode current(String id) throws Refused {
        CrmResponse response = http.send(CrmRequest.get(PERSONS + "/" + id));
        refuseUnlessWritten(response, id);
        return http.json(response).require("data");
    }

    /** The custom fields Hearth owns and the config names: temperature and status. */
    private ObjectNode customFields(Map<String, String> fields) throws Refused {
        ObjectNode custom = PipedriveJson.object();
        if (config.ownership().owns(StandardFields.TEMPERATURE)
                && config.temperatureField().isPresent()
                && fields.containsKey(StandardFields.TEMPERATURE)) {
            if (temperatureField == null) {
                temperatureField = CustomField.load(
                        http, config.temperatureField().get(), PipedriveConfig.TEMPERATURE_FIELD.name());
            }
            put(custom, temperatureField, config.temperatureLabels().nameOf(temperature(fields)));
        }
        if (config.ownership().owns(StandardFields.STATUS)
                && config.statusField().isPresent()
                && fields.containsKey(StandardFields.STATUS)) {
            if (statusField == null) {
                statusField = CustomField.load(http, config.statusField().get(), PipedriveConfig.STATUS_FIELD.name());
            }
            put(custom, statusField, fields.get(StandardFields.STATUS));
        }
        return custom;
    }

    private static void put(ObjectNode custom, CustomField field, String label) throws Refused {
        Object value = field.valueFor(label).orElseThrow(() -> new Refused(field.noOptionFor(label)));
        custom.set(field.key(), PipedriveJson.MAPPER.valueToTree(value));
    }

    /**
     * Gives each open lead of the person the temperature's label instead of any other temperature label,
     * keeping its other labels; a lead already labelled so is not written, so an unchanged temperature
     * costs Pipedrive no update.
     */
    private void labelLeads(String personId, String temperature) throws Refused {
        if (leadLabels == null) {
            leadLabels = LeadLabels.load(http);
        }
        TemperatureLabels names = config.temperatureLabels();
        String name = names.nameOf(temperature);
        JsonReply reply = http.get(
                LeadIndex.PATH,
                Query.of("person_id", personId, "limit", Integer.toString(PipedriveConfig.MAX_PAGE_SIZE)));
        for (JsonNode lead : Answers.data(reply)) {
            if (lead.path("is_archived").asBoolean(false)) {
                continue;
            }
            String target =
                    leadLabels.idOf(name).orElseGet(() -> leadLabels.create(http, name, LABEL_COLORS.get(temperature)));
            Set<String> labels = new LinkedHashSet<>();
            lead.path("label_ids").forEach(label -> labels.add(label.asText()));
            Set<String> wanted = new LinkedHashSet<>();
            labels.stream()
                    .filter(label -> leadLabels
                            .nameOf(label)
                            .flatMap(names::temperatureOf)
                            .isEmpty())
                    .forEach(wanted::add);
            wanted.add(target);
            if (!wanted.equals(labels)) {
                ObjectNode body = PipedriveJson.object();
                ArrayNode ids = body.putArray("label_ids");
                wanted.forEach(ids::add);
                String leadId = reply.requireText(lead, "id");
                refuseUnlessWritten(
                        http.send(CrmHttp.jsonRequest("PATCH", LeadIndex.PATH + "/" + leadId, body)), personId);
            }
        }
    }

    private void refuseUnlessWritten(CrmResponse response, String personId) throws Refused {
        if (response.status() == 404) {
            throw new Refused("Pipedrive has no "
                    + (response.request().path().contains("/leads") ? "such lead" : "person " + personId)
                    + " (deleted or merged in Pipedrive?)");
        }
        if (!response.isSuccess()) {
            throw new Refused("Pipedrive refused it (" + response.status() + ": " + errors.describe(response) + ")");
        }
    }

    private static String temperature(Map<String, String> fields) throws Refused {
        String temperature = fields.get(StandardFields.TEMPERATURE);
        if (!StandardFields.TEMPERATURES.contains(temperature)) {
            throw new Refused(Quote.of(temperature) + " is not a temperature");
        }
        return temperature;
    }

    private static Optional<String> name(Map<String, String> fields) {
        String name = String.join(
                        " ",
                        List.of(
                                fields.getOrDefault(StandardFields.GIVEN_NAME, ""),
                                fields.getOrDefault(StandardFields.FAMILY_NAME, "")))
                .strip();
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    /** The list with {@code value} as its primary entry, the others kept and no longer primary. */
    private static ArrayNode withPrimary(JsonNode current, String value) {
        ArrayNode list = PipedriveJson.MAPPER.createArrayNode();
        list.addObject().put("value", value.strip()).put("primary", true).put("label", "work");
        for (JsonNode entry : current) {
            String other = entry.path("value").asText("");
            if (!other.isBlank() && !other.equalsIgnoreCase(value.strip())) {
                list.addObject()
                        .put("value", other)
                        .put("primary", false)
                        .put("label", entry.path("label").asText("other"));
            }
        }
        return list;
    }

    /** Why Pipedrive would not take one person; the others are written. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
