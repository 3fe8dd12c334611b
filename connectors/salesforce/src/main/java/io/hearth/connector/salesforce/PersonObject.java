package io.hearth.connector.salesforce;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The two Salesforce objects that hold people, and what this connector reads of each. */
enum PersonObject {
    LEAD("Lead", "00Q", List.of("Company", "Status", "Rating", "IsConverted", "ConvertedContactId")),
    CONTACT("Contact", "003", List.of("Account.Name"));

    /** Read from both; {@code Owner.Email} is also on a Lead owned by a queue (Owner is then a Group). */
    private static final List<String> COMMON_FIELDS = List.of(
            "Id",
            "SystemModstamp",
            "LastModifiedDate",
            "IsDeleted",
            "MasterRecordId",
            "FirstName",
            "LastName",
            "Title",
            "Email",
            "Phone",
            "MobilePhone",
            "LeadSource",
            "OwnerId",
            "Owner.Email");

    private final String apiName;
    private final String idPrefix;
    private final List<String> ownFields;

    PersonObject(String apiName, String idPrefix, List<String> ownFields) {
        this.apiName = apiName;
        this.idPrefix = idPrefix;
        this.ownFields = ownFields;
    }

    String apiName() {
        return apiName;
    }

    /** The fields a read selects; {@code contactRatingField} (or {@code null}) adds the Contact's temperature. */
    List<String> selectFields(String contactRatingField) {
        List<String> fields = new ArrayList<>(COMMON_FIELDS);
        fields.addAll(ownFields);
        if (this == CONTACT && contactRatingField != null) {
            fields.add(contactRatingField);
        }
        return fields;
    }

    /**
     * The object a record id belongs to: an id's first three characters name its object, the same in every
     * org for standard objects (00Q a Lead, 003 a Contact).
     */
    static Optional<PersonObject> ofId(String id) {
        if (!Soql.isId(id)) {
            return Optional.empty();
        }
        for (PersonObject object : values()) {
            if (id.startsWith(object.idPrefix)) {
                return Optional.of(object);
            }
        }
        return Optional.empty();
    }
}
