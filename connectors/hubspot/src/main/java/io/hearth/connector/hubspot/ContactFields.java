package io.hearth.connector.hubspot;

import io.hearth.connector.spi.StandardFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which HubSpot contact property is which Hearth field, both ways. A read takes the fields HubSpot owns
 * (by default the identity fields, the owner and the life-cycle stage); a write sends the fields Hearth
 * owns (by default the temperature and the status, into the properties the config names).
 */
final class ContactFields {
    /** Hearth field to HubSpot property, for the fields whose property is fixed. */
    private static final Map<String, String> PROPERTIES = Map.of(
            StandardFields.GIVEN_NAME, "firstname",
            StandardFields.FAMILY_NAME, "lastname",
            StandardFields.EMAIL, "email",
            StandardFields.PHONE, "phone",
            StandardFields.COMPANY, "company",
            StandardFields.TITLE, "jobtitle",
            StandardFields.OWNER, "hubspot_owner_id");
    /** Read only, never written: the status a HubSpot user sets; Hearth's own status goes to its property. */
    static final String LEAD_STATUS = "hs_lead_status";

    static final String LIFECYCLE_STAGE = "lifecyclestage";
    static final String LAST_MODIFIED = "lastmodifieddate";
    static final String MERGED_IDS = "hs_merged_object_ids";
    static final String OBJECT_ID = "hs_object_id";

    /** The order fields are read in, which is the order a record lists them. */
    private static final List<String> READ_ORDER = List.of(
            StandardFields.GIVEN_NAME,
            StandardFields.FAMILY_NAME,
            StandardFields.EMAIL,
            StandardFields.PHONE,
            StandardFields.COMPANY,
            StandardFields.TITLE,
            StandardFields.OWNER);

    private final HubSpotConfig config;

    ContactFields(HubSpotConfig config) {
        this.config = config;
    }

    /** The properties a search asks for. */
    List<String> propertiesToRead() {
        List<String> properties = new ArrayList<>();
        READ_ORDER.forEach(field -> properties.add(PROPERTIES.get(field)));
        properties.add(LEAD_STATUS);
        properties.add(LIFECYCLE_STAGE);
        properties.add(LAST_MODIFIED);
        properties.add(MERGED_IDS);
        return List.copyOf(properties);
    }

    /**
     * The Hearth fields of a contact as read: the fields HubSpot owns, blank values left out; the stage
     * from {@code lifecyclestage}, when the config says what its value means.
     */
    Map<String, String> read(Map<String, String> properties) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : READ_ORDER) {
            if (!config.hearthOwns(field)) {
                put(fields, field, properties.get(PROPERTIES.get(field)));
            }
        }
        if (!config.hearthOwns(StandardFields.STATUS)) {
            put(fields, StandardFields.STATUS, properties.get(LEAD_STATUS));
        }
        String stage = properties.get(LIFECYCLE_STAGE);
        if (stage != null) {
            String value = stage.strip().toLowerCase(Locale.ROOT);
            if (config.contactStages().contains(value)) {
                fields.put(StandardFields.STAGE, StandardFields.STAGE_CONTACT);
            } else if (config.leadStages().contains(value)) {
                fields.put(StandardFields.STAGE, StandardFields.STAGE_LEAD);
            }
        }
        return fields;
    }

    /** The HubSpot properties of the fields Hearth owns, from what Hearth gives a writer. */
    Map<String, String> owned(Map<String, String> fields) {
        Map<String, String> properties = new LinkedHashMap<>();
        fields.forEach((field, value) -> {
            if (config.hearthOwns(field) && value != null && !value.isBlank()) {
                properties.put(property(field), value.strip());
            }
        });
        return properties;
    }

    /**
     * The HubSpot properties of the identity fields HubSpot owns, for a contact a write has just
     * created: there is nothing of HubSpot's to overwrite yet, and a bare email helps nobody.
     */
    Map<String, String> identity(Map<String, String> fields) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String field : List.of(
                StandardFields.GIVEN_NAME,
                StandardFields.FAMILY_NAME,
                StandardFields.PHONE,
                StandardFields.COMPANY,
                StandardFields.TITLE)) {
            String value = fields.get(field);
            if (!config.hearthOwns(field) && value != null && !value.isBlank()) {
                properties.put(PROPERTIES.get(field), value.strip());
            }
        }
        return properties;
    }

    private String property(String field) {
        return switch (field) {
            case StandardFields.TEMPERATURE -> config.temperatureProperty();
            case StandardFields.STATUS -> config.statusProperty();
            default -> PROPERTIES.get(field);
        };
    }

    private static void put(Map<String, String> fields, String field, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(field, value.strip());
        }
    }
}
