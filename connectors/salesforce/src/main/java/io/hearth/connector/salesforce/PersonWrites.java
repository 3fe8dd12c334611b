package io.hearth.connector.salesforce;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.connector.spi.OutgoingPerson;
import io.hearth.connector.spi.StandardFields;
import io.hearth.connector.spi.WriteResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes people to Salesforce with sObject Collections, {@value SalesforceApi#MAX_COLLECTION} records a
 * call, each with its own result:
 * <ol>
 *   <li>a person with a Salesforce id (a Lead's 00Q..., a Contact's 003...) is updated by it;
 *   <li>one without is looked up by email (an open Lead or a Contact; a Hearth contact's Contact first) and
 *       updated when found;
 *   <li>a Hearth lead still not found is created as a Lead when {@code create_leads} is on. Creating is
 *       never repeated once it may have happened: a retried write finds the Lead by its email instead, which
 *       is why a Lead is only created for a person with an email.
 * </ol>
 */
final class PersonWrites {
    /** Emails per lookup query; SOQL statements are limited in length (100,000 characters). */
    static final int EMAILS_PER_LOOKUP = 100;

    private final SalesforceApi api;
    private final OutgoingFields outgoing;
    private final boolean createLeads;

    PersonWrites(SalesforceApi api, OutgoingFields outgoing, boolean createLeads) {
        this.api = requireNonNull(api, "api is null");
        this.outgoing = requireNonNull(outgoing, "outgoing is null");
        this.createLeads = createLeads;
    }

    /** A person's record to update, and whose it is. */
    private record Update(int index, ObjectNode record) {}

    List<WriteResult> write(List<OutgoingPerson> people) {
        WriteResult[] results = new WriteResult[people.size()];
        Map<Integer, String> ids = new LinkedHashMap<>();
        List<Integer> byEmail = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            OutgoingPerson person = people.get(i);
            if (person.externalId() == null) {
                byEmail.add(i);
            } else if (PersonObject.ofId(person.externalId()).isEmpty()) {
                results[i] = WriteResult.failed(
                        person.hearthId(),
                        "'" + clip(person.externalId()) + "' is not the " + "id of a Salesforce Lead or Contact");
            } else {
                ids.put(i, person.externalId());
            }
        }
        List<Integer> toCreate = findByEmail(people, byEmail, ids, results);
        List<Update> updates = new ArrayList<>();
        Map<String, Integer> claimed = new HashMap<>();
        ids.forEach((index, id) -> {
            OutgoingPerson person = people.get(index);
            Integer earlier = claimed.putIfAbsent(id, index);
            if (earlier != null) {
                // one record updated twice in one call is refused by Salesforce, and one of the two would be lost
                results[index] = WriteResult.failed(
                        person.hearthId(),
                        "Salesforce's " + id + " is also " + people.get(earlier).hearthId()
                                + " in this write; merge the two in Hearth");
                return;
            }
            ObjectNode record = outgoing.update(PersonObject.ofId(id).orElseThrow(), id, person.fields());
            if (OutgoingFields.setsAnything(record)) {
                updates.add(new Update(index, record));
            } else {
                results[index] = WriteResult.written(person.hearthId(), id);
            }
        });
        for (List<Update> chunk : chunks(updates)) {
            List<JsonNode> answers =
                    api.update(chunk.stream().map(Update::record).toList());
            for (int k = 0; k < chunk.size(); k++) {
                int index = chunk.get(k).index();
                String id = chunk.get(k).record().path("Id").asText();
                results[index] = result(people.get(index), id, RecordResult.of(answers.get(k)));
            }
        }
        create(people, toCreate, results);
        return List.of(results);
    }

    /**
     * Looks the people without an id up by email, adding those found to {@code ids}; answers those that cannot
     * be found or created; returns the Hearth leads to create.
     */
    private List<Integer> findByEmail(
            List<OutgoingPerson> people, List<Integer> indexes, Map<Integer, String> ids, WriteResult[] results) {
        List<String> emails = new ArrayList<>();
        for (int index : indexes) {
            email(people.get(index)).filter(email -> !emails.contains(email)).ifPresent(emails::add);
        }
        Map<PersonObject, Map<String, String>> found = new HashMap<>();
        for (PersonObject object : PersonObject.values()) {
            found.put(object, lookUp(object, emails));
        }
        List<Integer> toCreate = new ArrayList<>();
        for (int index : indexes) {
            OutgoingPerson person = people.get(index);
            Optional<String> email = email(person);
            if (email.isEmpty()) {
                results[index] =
                        WriteResult.failed(person.hearthId(), "has no Salesforce id and no email to find it by");
                continue;
            }
            boolean contactFirst = person.hearthId().startsWith("contacts/");
            List<PersonObject> order = contactFirst
                    ? List.of(PersonObject.CONTACT, PersonObject.LEAD)
                    : List.of(PersonObject.LEAD, PersonObject.CONTACT);
            Optional<String> id = order.stream()
                    .map(object -> found.get(object).get(email.get()))
                    .filter(Objects::nonNull)
                    .findFirst();
            if (id.isPresent()) {
                ids.put(index, id.get());
            } else if (createLeads && person.hearthId().startsWith("leads/")) {
                toCreate.add(index);
            } else {
                results[index] = WriteResult.failed(
                        person.hearthId(),
                        "Salesforce has no open Lead or Contact with "
                                + "this email"
                                + (contactFirst
                                        ? "; Hearth creates Leads only, for its leads"
                                        : "; create_leads is off"));
            }
        }
        return toCreate;
    }

    /** Open Leads or Contacts with these emails, oldest first, by lower-case email. */
    private Map<String, String> lookUp(PersonObject object, List<String> emails) {
        Map<String, String> ids = new HashMap<>();
        for (int from = 0; from < emails.size(); from += EMAILS_PER_LOOKUP) {
            List<String> some = emails.subList(from, Math.min(emails.size(), from + EMAILS_PER_LOOKUP));
            String soql = "SELECT Id, Email FROM " + object.apiName() + " WHERE "
                    + (object == PersonObject.LEAD ? "IsConverted = false AND " : "")
                    + "Email IN " + Soql.inList(some) + " ORDER BY CreatedDate ASC, Id ASC";
            for (JsonNode record : api.lookup(soql)) {
                String email = record.path("Email").asText("").toLowerCase(Locale.ROOT);
                String id = record.path("Id").asText("");
                if (!email.isEmpty() && Soql.isId(id)) {
                    ids.putIfAbsent(email, id);
                }
            }
        }
        return ids;
    }

    private void create(List<OutgoingPerson> people, List<Integer> indexes, WriteResult[] results) {
        List<Update> creates = new ArrayList<>();
        Map<String, Integer> claimed = new HashMap<>();
        for (int index : indexes) {
            OutgoingPerson person = people.get(index);
            String email = email(person).orElseThrow();
            Integer earlier = claimed.putIfAbsent(email, index);
            if (earlier != null) {
                results[index] = WriteResult.failed(
                        person.hearthId(),
                        "has the email of " + people.get(earlier).hearthId()
                                + ", whose Lead this write creates; merge the two in Hearth");
            } else if (blank(person, StandardFields.FAMILY_NAME) || blank(person, StandardFields.COMPANY)) {
                results[index] = WriteResult.failed(
                        person.hearthId(),
                        "is not in Salesforce, and a new Lead needs a " + "family name and a company");
            } else {
                creates.add(new Update(index, outgoing.newLead(person.fields())));
            }
        }
        for (List<Update> chunk : chunks(creates)) {
            List<JsonNode> answers =
                    api.create(chunk.stream().map(Update::record).toList());
            for (int k = 0; k < chunk.size(); k++) {
                int index = chunk.get(k).index();
                RecordResult result = RecordResult.of(answers.get(k));
                results[index] = result(people.get(index), result.id(), result);
            }
        }
    }

    private static WriteResult result(OutgoingPerson person, String id, RecordResult result) {
        if (result.success() && result.id() != null) {
            return WriteResult.written(person.hearthId(), result.id());
        }
        if (result.success()) {
            return WriteResult.written(person.hearthId(), id);
        }
        return WriteResult.failed(
                person.hearthId(),
                "Salesforce refused "
                        + (id == null
                                ? "the new Lead"
                                : PersonObject.ofId(id)
                                                .map(PersonObject::apiName)
                                                .orElse("record") + " " + id)
                        + ": "
                        + result.errors());
    }

    private static Optional<String> email(OutgoingPerson person) {
        return Optional.ofNullable(person.fields().get(StandardFields.EMAIL))
                .map(String::strip)
                .filter(email -> !email.isEmpty())
                .map(email -> email.toLowerCase(Locale.ROOT));
    }

    private static boolean blank(OutgoingPerson person, String field) {
        String value = person.fields().get(field);
        return value == null || value.isBlank();
    }

    static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += SalesforceApi.MAX_COLLECTION) {
            chunks.add(items.subList(from, Math.min(items.size(), from + SalesforceApi.MAX_COLLECTION)));
        }
        return chunks;
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 39) + "…";
    }
}
