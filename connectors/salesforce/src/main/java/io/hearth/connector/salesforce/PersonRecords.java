package io.hearth.connector.salesforce;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.SourceRecord;
import io.hearth.connector.spi.StandardFields;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Lead or Contact as QueryAll returns it, as Hearth's {@link SourceRecord}: its fields under
 * {@link StandardFields} names, and what became of it.
 * <ul>
 *   <li>deleted ({@code IsDeleted}): {@link SourceRecord.Change#DELETED}, or {@link SourceRecord.Change#MERGED}
 *       into {@code MasterRecordId} when a merge deleted it;
 *   <li>a converted Lead ({@code IsConverted}): {@link SourceRecord.Change#MERGED} into its
 *       {@code ConvertedContactId}, with {@code stage} {@code contact}: the lead lives on as that contact, so
 *       Hearth converts its person rather than adding a second one;
 *   <li>anything else: an upsert with {@code stage} {@code lead} or {@code contact}.
 * </ul>
 */
final class PersonRecords {
    private final ValueMap statuses;
    private final ValueMap ratings;
    private final String contactRatingField;

    PersonRecords(ValueMap statuses, ValueMap ratings, String contactRatingField) {
        this.statuses = requireNonNull(statuses, "statuses is null");
        this.ratings = requireNonNull(ratings, "ratings is null");
        this.contactRatingField = contactRatingField;
    }

    /** The record's SystemModstamp, the read's order; a record without one is a broken page. */
    static Instant modstamp(JsonNode record, JsonReply page) {
        String text = page.requireText(record, "SystemModstamp");
        return SalesforceTime.parse(text)
                .orElseThrow(() -> new FatalConnectorException("Salesforce answered a "
                        + "SystemModstamp that is no date and time; the run stops without moving its cursor"));
    }

    /** The record as Hearth's; {@code modstamp} is its {@link #modstamp}, which the reader reads first. */
    SourceRecord toSource(PersonObject object, JsonNode record, Instant modstamp, JsonReply page) {
        String id = page.requireText(record, "Id");
        if (!Soql.isId(id)) {
            // the cursor resumes after this id: one that is none would break every later query
            throw new FatalConnectorException("Salesforce answered a " + object.apiName() + " whose Id is no record "
                    + "id; the run stops without moving its cursor");
        }
        String position = object.apiName() + " " + id;
        if (record.path("IsDeleted").asBoolean(false)) {
            Optional<String> survivor = page.text(record, "MasterRecordId").filter(master -> !master.equals(id));
            return survivor.map(
                            master -> SourceRecord.merged(id, master, modstamp, position + " merged into " + master))
                    .orElseGet(() -> SourceRecord.deleted(id, modstamp, position + " deleted"));
        }
        // usually the same instant as SystemModstamp, then not parsed twice
        Optional<String> lastModified = page.text(record, "LastModifiedDate");
        Instant modifiedAt = lastModified.isEmpty()
                        || lastModified
                                .get()
                                .equals(record.path("SystemModstamp").asText())
                ? modstamp
                : SalesforceTime.parse(lastModified.get()).orElse(modstamp);
        Optional<String> convertedTo =
                object == PersonObject.LEAD && record.path("IsConverted").asBoolean(false)
                        ? page.text(record, "ConvertedContactId").filter(contact -> !contact.equals(id))
                        : Optional.empty();
        if (convertedTo.isPresent()) {
            return new SourceRecord(
                    id,
                    modifiedAt,
                    Map.of(StandardFields.STAGE, StandardFields.STAGE_CONTACT),
                    position + " converted to Contact " + convertedTo.get(),
                    SourceRecord.Change.MERGED,
                    convertedTo.get());
        }
        return new SourceRecord(id, modifiedAt, fields(object, record, page), position);
    }

    private Map<String, String> fields(PersonObject object, JsonNode record, JsonReply page) {
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, StandardFields.GIVEN_NAME, page.text(record, "FirstName"));
        put(fields, StandardFields.FAMILY_NAME, page.text(record, "LastName"));
        String company = object == PersonObject.LEAD ? "Company" : "/Account/Name";
        put(fields, StandardFields.COMPANY, page.text(record, company));
        put(fields, StandardFields.TITLE, page.text(record, "Title"));
        put(fields, StandardFields.EMAIL, page.text(record, "Email"));
        put(fields, StandardFields.PHONE, page.text(record, "Phone").or(() -> page.text(record, "MobilePhone")));
        put(fields, StandardFields.SOURCE, page.text(record, "LeadSource"));
        put(fields, StandardFields.OWNER, page.text(record, "/Owner/Email").or(() -> page.text(record, "OwnerId")));
        if (object == PersonObject.LEAD) {
            fields.put(StandardFields.STAGE, StandardFields.STAGE_LEAD);
            // a status the map does not name goes as Salesforce spells it: Hearth knows the common ones
            put(
                    fields,
                    StandardFields.STATUS,
                    page.text(record, "Status").map(s -> statuses.toHearth(s).orElse(s)));
            put(fields, StandardFields.TEMPERATURE, page.text(record, "Rating").flatMap(ratings::toHearth));
        } else {
            fields.put(StandardFields.STAGE, StandardFields.STAGE_CONTACT);
            if (contactRatingField != null) {
                put(
                        fields,
                        StandardFields.TEMPERATURE,
                        page.text(record, contactRatingField).flatMap(ratings::toHearth));
            }
        }
        return fields;
    }

    private static void put(Map<String, String> fields, String name, Optional<String> value) {
        value.map(String::strip).filter(v -> !v.isEmpty()).ifPresent(v -> fields.put(name, v));
    }
}
