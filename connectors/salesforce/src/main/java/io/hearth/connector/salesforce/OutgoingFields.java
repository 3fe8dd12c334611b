package io.hearth.connector.salesforce;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.connector.spi.StandardFields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hearth's fields as a Lead's or a Contact's, for writing: only those Hearth owns ({@code write_fields})
 * on an update, so a write never overwrites what Salesforce owns; the identity fields as well when
 * creating a Lead, which Salesforce then owns.
 */
final class OutgoingFields {
    /** Identity fields, the same on Lead and Contact except the company, which a Contact has on its Account. */
    private static final Map<String, String> LEAD_IDENTITY = identity(true);

    private static final Map<String, String> CONTACT_IDENTITY = identity(false);
    static final Set<String> CREATE_IDENTITY = LEAD_IDENTITY.keySet();

    private final Set<String> owned;
    private final ValueMap statuses;
    private final ValueMap ratings;
    private final String contactRatingField;

    OutgoingFields(Set<String> owned, ValueMap statuses, ValueMap ratings, String contactRatingField) {
        this.owned = Set.copyOf(owned);
        this.statuses = requireNonNull(statuses, "statuses is null");
        this.ratings = requireNonNull(ratings, "ratings is null");
        this.contactRatingField = contactRatingField;
    }

    /** The owned fields of an update of {@code id}; none but the id and type when nothing of them has a value. */
    ObjectNode update(PersonObject object, String id, Map<String, String> fields) {
        ObjectNode record = record(object);
        record.put("Id", id);
        Map<String, String> identity = object == PersonObject.LEAD ? LEAD_IDENTITY : CONTACT_IDENTITY;
        identity.forEach((hearth, salesforce) -> {
            if (owned.contains(hearth)) {
                put(record, salesforce, value(fields, hearth));
            }
        });
        putOwnedPicklists(object, record, fields);
        return record;
    }

    /** A new Lead: every identity field Hearth has, and the fields Hearth owns. */
    ObjectNode newLead(Map<String, String> fields) {
        ObjectNode record = record(PersonObject.LEAD);
        LEAD_IDENTITY.forEach((hearth, salesforce) -> put(record, salesforce, value(fields, hearth)));
        putOwnedPicklists(PersonObject.LEAD, record, fields);
        return record;
    }

    /** Whether a record built here sets any field beyond its type and id. */
    static boolean setsAnything(ObjectNode record) {
        return record.size() > (record.has("Id") ? 2 : 1);
    }

    private void putOwnedPicklists(PersonObject object, ObjectNode record, Map<String, String> fields) {
        // a value the maps do not name (a converted lead's status) is left as Salesforce has it
        if (object == PersonObject.LEAD && owned.contains(StandardFields.STATUS)) {
            put(record, "Status", value(fields, StandardFields.STATUS).flatMap(statuses::toSalesforce));
        }
        if (owned.contains(StandardFields.TEMPERATURE)) {
            String field = object == PersonObject.LEAD ? "Rating" : contactRatingField;
            if (field != null) {
                put(record, field, value(fields, StandardFields.TEMPERATURE).flatMap(ratings::toSalesforce));
            }
        }
    }

    private static ObjectNode record(PersonObject object) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.putObject("attributes").put("type", object.apiName());
        return record;
    }

    private static Optional<String> value(Map<String, String> fields, String name) {
        return Optional.ofNullable(fields.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** A blank value is left out rather than clearing what Salesforce holds. */
    private static void put(ObjectNode record, String field, Optional<String> value) {
        value.ifPresent(v -> record.put(field, v));
    }

    private static Map<String, String> identity(boolean withCompany) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(StandardFields.GIVEN_NAME, "FirstName");
        fields.put(StandardFields.FAMILY_NAME, "LastName");
        if (withCompany) {
            fields.put(StandardFields.COMPANY, "Company");
        }
        fields.put(StandardFields.TITLE, "Title");
        fields.put(StandardFields.EMAIL, "Email");
        fields.put(StandardFields.PHONE, "Phone");
        return fields;
    }
}
