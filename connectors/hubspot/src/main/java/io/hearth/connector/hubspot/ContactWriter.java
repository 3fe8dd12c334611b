package io.hearth.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.CrmResponse;
import io.hearth.connector.spi.OutgoingPerson;
import io.hearth.connector.spi.StandardFields;
import io.hearth.connector.spi.WriteResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the fields Hearth owns to HubSpot contacts, at most {@value #MAX_BATCH} per call:
 * <ul>
 *   <li>a person Hearth knows the HubSpot id of is updated by that id ({@code batch/update}): exact, and
 *       a contact deleted in HubSpot comes back as a per-person error instead of being created again;
 *   <li>any other person is upserted by email ({@code batch/upsert}, {@code idProperty=email}): found if
 *       HubSpot has the email, created if not. A contact the upsert created gets the identity fields
 *       (names, phone, company, title) too, since nothing of HubSpot's is there to overwrite;
 *   <li>a person with neither is refused: creating one without an email would make a duplicate at
 *       every write.
 * </ul>
 * Both calls are idempotent, so they are sent again after a timeout or a 5xx.
 */
final class ContactWriter {
    static final int MAX_BATCH = 100;
    static final String UPDATE = "/crm/v3/objects/contacts/batch/update";
    static final String UPSERT = "/crm/v3/objects/contacts/batch/upsert";

    private static final System.Logger LOG = System.getLogger(ContactWriter.class.getName());

    private final CrmHttp http;
    private final ContactFields fields;

    ContactWriter(CrmHttp http, ContactFields fields) {
        this.http = http;
        this.fields = fields;
    }

    /** One person to send: its place in the write, its key (HubSpot id or email) and its properties. */
    private record Input(int index, OutgoingPerson person, String key, Map<String, String> properties) {}

    List<WriteResult> write(List<OutgoingPerson> people) {
        WriteResult[] results = new WriteResult[people.size()];
        List<Input> byId = new ArrayList<>();
        List<Input> byEmail = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> emails = new HashSet<>();
        for (int i = 0; i < people.size(); i++) {
            OutgoingPerson person = people.get(i);
            Map<String, String> owned = fields.owned(person.fields());
            String id = person.externalId() == null ? null : person.externalId().strip();
            String email = person.fields().get(StandardFields.EMAIL);
            email = email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
            if (id != null) {
                if (!id.matches("\\d{1,18}")) {
                    results[i] =
                            WriteResult.failed(person.hearthId(), "'" + clip(id) + "' is not a HubSpot contact id");
                } else if (owned.isEmpty()) {
                    results[i] = WriteResult.written(person.hearthId(), id);
                } else if (!ids.add(id)) {
                    results[i] = WriteResult.failed(
                            person.hearthId(),
                            "HubSpot contact " + id + " is written "
                                    + "twice in one write; it was written for the first person only");
                } else {
                    byId.add(new Input(i, person, id, owned));
                }
            } else if (email == null) {
                results[i] = WriteResult.failed(
                        person.hearthId(),
                        "HubSpot contacts are written by their HubSpot id "
                                + "or by email, and this person has neither");
            } else if (!emails.add(email)) {
                results[i] = WriteResult.failed(
                        person.hearthId(),
                        "another person of this write has the email "
                                + "of this one; HubSpot keeps one contact per email");
            } else {
                Map<String, String> properties = new LinkedHashMap<>(owned);
                properties.put("email", email);
                byEmail.add(new Input(i, person, email, properties));
            }
        }
        for (int from = 0; from < byId.size(); from += MAX_BATCH) {
            update(byId.subList(from, Math.min(from + MAX_BATCH, byId.size())), results);
        }
        for (int from = 0; from < byEmail.size(); from += MAX_BATCH) {
            upsert(byEmail.subList(from, Math.min(from + MAX_BATCH, byEmail.size())), results);
        }
        return Arrays.asList(results);
    }

    private void update(List<Input> inputs, WriteResult[] results) {
        BatchAnswer.updateById(
                inputs.stream()
                        .map(input -> new BatchAnswer.Update(
                                input.index(), input.person().hearthId(), input.key(), input.properties()))
                        .toList(),
                body -> send(UPDATE, body),
                "contact",
                results);
    }

    private void upsert(List<Input> inputs, WriteResult[] results) {
        List<Map<String, Object>> identities = new ArrayList<>();
        BatchAnswer.send(
                inputs,
                part -> send(
                        UPSERT,
                        part.stream()
                                .map(input -> Map.of(
                                        "idProperty", "email", "id", input.key(), "properties", input.properties()))
                                .toList()),
                "contact",
                (part, answer) -> {
                    Map<String, JsonNode> byEmail = new HashMap<>();
                    for (JsonNode result : answer.results()) {
                        byEmail.put(
                                result.path("properties")
                                        .path("email")
                                        .asText("")
                                        .toLowerCase(Locale.ROOT),
                                result);
                    }
                    for (Input input : part) {
                        JsonNode result = byEmail.get(input.key());
                        if (result == null
                                && part.size() == 1
                                && answer.results().size() == 1) {
                            result = answer.results().get(0);
                        }
                        String id = result == null ? "" : result.path("id").asText("");
                        if (!id.matches("\\d{1,18}")) {
                            results[input.index()] = WriteResult.failed(
                                    input.person().hearthId(),
                                    "the contact with "
                                            + "this email was not written: "
                                            + answer.errorFor(input.key()).orElse(answer.allErrors()));
                            continue;
                        }
                        results[input.index()] =
                                WriteResult.written(input.person().hearthId(), id);
                        Map<String, String> identity =
                                fields.identity(input.person().fields());
                        if (result.path("new").asBoolean(false) && !identity.isEmpty()) {
                            identities.add(Map.of("id", id, "properties", identity));
                        }
                    }
                },
                (input, reason) -> results[input.index()] =
                        WriteResult.failed(input.person().hearthId(), reason));
        if (!identities.isEmpty()) {
            completeCreated(identities);
        }
    }

    /**
     * Gives contacts the upsert created their names, phone, company and title. Each is written already
     * (it exists, with Hearth's fields); a failure here is logged rather than failing it, because
     * writing it again would find it existing and never send these fields.
     */
    private void completeCreated(List<Map<String, Object>> identities) {
        BatchAnswer.send(
                identities,
                part -> send(UPDATE, part),
                "contact",
                (part, answer) -> answer.errors()
                        .forEach(error -> LOG.log(
                                System.Logger.Level.WARNING,
                                "HubSpot did not take the identity fields of created contacts {0}: {1}",
                                error.ids(),
                                error.message())),
                (identity, reason) -> LOG.log(
                        System.Logger.Level.WARNING,
                        "HubSpot did not take the identity fields of created contact {0}: {1}",
                        identity.get("id"),
                        reason));
    }

    private CrmResponse send(String path, List<? extends Map<String, ?>> inputs) {
        return http.send(CrmHttp.jsonRequest("POST", path, Map.of("inputs", inputs)));
    }

    private static String clip(String text) {
        return text.length() <= 30 ? text : text.substring(0, 29) + "…";
    }
}
