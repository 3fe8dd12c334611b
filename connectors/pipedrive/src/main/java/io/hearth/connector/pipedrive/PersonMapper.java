package io.hearth.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.spi.StandardFields;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a Pipedrive person (API v2) into Hearth's fields. What the person answer only refers to (its
 * organization, owner, leads and their labels) is read once per sync, on first need, so a sync with
 * nothing to map costs no more than its list requests.
 */
final class PersonMapper {
    private final CrmHttp http;
    private final PipedriveConfig config;
    private final Directory directory;
    private LeadIndex leadIndex;
    private LeadLabels leadLabels;
    private CustomField temperatureField;

    PersonMapper(CrmHttp http, PipedriveConfig config) {
        this.http = http;
        this.config = config;
        this.directory = new Directory(http);
    }

    LeadIndex leadIndex() {
        if (leadIndex == null) {
            leadIndex = LeadIndex.load(http, config.pageSize());
        }
        return leadIndex;
    }

    /** Reads in bulk what mapping these persons needs: the names of their organizations. */
    void prepare(Collection<JsonNode> persons) {
        directory.prepareOrganizations(persons.stream()
                .map(p -> PipedriveJson.id(p, "org_id"))
                .flatMap(Optional::stream)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    Map<String, String> fields(JsonNode person, String personId) {
        Map<String, String> fields = new LinkedHashMap<>();
        Optional<String> first = PipedriveJson.text(person, "first_name");
        Optional<String> last = PipedriveJson.text(person, "last_name");
        if (first.isEmpty() && last.isEmpty()) {
            // Pipedrive splits the name itself; an answer without the parts gets the same split
            Optional<String> name = PipedriveJson.text(person, "name");
            int space = name.map(n -> n.indexOf(' ')).orElse(-1);
            first = space < 0 ? name : name.map(n -> n.substring(0, space));
            last = space < 0
                    ? Optional.empty()
                    : name.map(n -> n.substring(space + 1).strip());
        }
        first.ifPresent(v -> fields.put(StandardFields.GIVEN_NAME, v));
        last.ifPresent(v -> fields.put(StandardFields.FAMILY_NAME, v));
        primary(person, "emails", "email").ifPresent(v -> fields.put(StandardFields.EMAIL, v));
        primary(person, "phones", "phone").ifPresent(v -> fields.put(StandardFields.PHONE, v));
        PipedriveJson.id(person, "org_id")
                .flatMap(directory::organizationName)
                .ifPresent(v -> fields.put(StandardFields.COMPANY, v));
        PipedriveJson.text(person, "job_title").ifPresent(v -> fields.put(StandardFields.TITLE, v));
        PipedriveJson.id(person, "owner_id")
                .flatMap(directory::ownerEmail)
                .ifPresent(v -> fields.put(StandardFields.OWNER, v));
        fields.put(
                StandardFields.STAGE,
                leadIndex().hasOpenLead(personId) ? StandardFields.STAGE_LEAD : StandardFields.STAGE_CONTACT);
        temperature(person, personId).ifPresent(v -> fields.put(StandardFields.TEMPERATURE, v));
        return fields;
    }

    /** From the configured field, else the hottest temperature label of the person's open leads. */
    private Optional<String> temperature(JsonNode person, String personId) {
        TemperatureLabels labels = config.temperatureLabels();
        if (config.temperatureField().isPresent()) {
            if (temperatureField == null) {
                temperatureField = CustomField.load(
                        http, config.temperatureField().get(), PipedriveConfig.TEMPERATURE_FIELD.name());
            }
            return temperatureField
                    .read(person)
                    .flatMap(value -> labels.temperatureOf(value)
                            .or(() -> Optional.of(value.toLowerCase(Locale.ROOT))
                                    .filter(StandardFields.TEMPERATURES::contains)));
        }
        Set<String> labelIds = leadIndex().labelIdsOf(personId);
        if (labelIds.isEmpty()) {
            return Optional.empty();
        }
        if (leadLabels == null) {
            leadLabels = LeadLabels.load(http);
        }
        List<String> names = labelIds.stream()
                .map(leadLabels::nameOf)
                .flatMap(Optional::stream)
                .toList();
        return labels.hottest(names);
    }

    /**
     * The primary value of an email or phone list ({@code [{"value":..,"primary":true,"label":"work"}]}),
     * else its first; v2 names the list in the plural, v1 in the singular.
     */
    static Optional<String> primary(JsonNode person, String v2Name, String v1Name) {
        JsonNode list = person.has(v2Name) ? person.path(v2Name) : person.path(v1Name);
        Optional<String> first = Optional.empty();
        for (JsonNode entry : list) {
            Optional<String> value = PipedriveJson.text(entry, "value");
            if (value.isPresent() && entry.path("primary").asBoolean(false)) {
                return value;
            }
            first = first.or(() -> value);
        }
        return first;
    }
}
