package io.hearth.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.crm.http.Query;
import io.hearth.connector.spi.OutgoingTouch;
import io.hearth.connector.spi.WriteResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes touches as HubSpot activities (calls, emails, meetings, notes) associated with the touched
 * contact, idempotently: a touch written before, whose answer was lost, is found and answered with the
 * existing activity, never created twice.
 *
 * <p>How it finds an earlier write: each activity's body ends with the touch's marker
 * ({@link TouchActivity#marker}). Before creating, the writer lists the activities already associated
 * with each contact of the batch (the v4 associations API) and reads their bodies (batch read), both
 * reads of HubSpot's records themselves, so an activity created a moment ago is seen. HubSpot's search
 * would be cheaper but its index trails writes by seconds, and Hearth retries a failed write within a
 * second. The create itself ({@code batch/create}, with the association in the same call) is never
 * sent twice by the HTTP layer: after a timeout the run fails and the retry looks again.
 */
final class TouchWriter {
    static final int MAX_BATCH = 100;
    /** Activities of one type listed per contact at most; a contact with more cannot be checked. */
    static final int MAX_ACTIVITIES_PER_CONTACT = 10_000;

    private static final int ASSOCIATION_PAGE = 500;

    private final CrmHttp http;

    TouchWriter(CrmHttp http) {
        this.http = http;
    }

    private record Input(int index, OutgoingTouch touch, String contactId) {}

    List<WriteResult> write(List<OutgoingTouch> touches) {
        WriteResult[] results = new WriteResult[touches.size()];
        Map<ActivityType, List<Input>> byType = new EnumMap<>(ActivityType.class);
        Map<String, Integer> first = new HashMap<>();
        List<Integer> repeats = new ArrayList<>();
        for (int i = 0; i < touches.size(); i++) {
            OutgoingTouch touch = touches.get(i);
            String contactId = touch.personExternalId() == null
                    ? null
                    : touch.personExternalId().strip();
            if (first.putIfAbsent(touch.touchId(), i) != null) {
                repeats.add(i);
            } else if (!TouchActivity.markable(touch.touchId())) {
                results[i] = WriteResult.failed(
                        touch.touchId(),
                        "the touch id cannot be stored in a HubSpot "
                                + "activity: it has characters other than letters, digits and ._:/-");
            } else if (contactId == null || !contactId.matches("\\d{1,18}")) {
                results[i] = WriteResult.failed(
                        touch.touchId(),
                        "the touched person has no HubSpot contact id yet; "
                                + "write the person to HubSpot (or read them from it) before their touches");
            } else {
                byType.computeIfAbsent(ActivityType.of(touch.channel()), type -> new ArrayList<>())
                        .add(new Input(i, touch, contactId));
            }
        }
        byType.forEach((type, inputs) -> {
            for (int from = 0; from < inputs.size(); from += MAX_BATCH) {
                write(type, inputs.subList(from, Math.min(from + MAX_BATCH, inputs.size())), results);
            }
        });
        for (int repeat : repeats) {
            WriteResult earlier = results[first.get(touches.get(repeat).touchId())];
            results[repeat] = new WriteResult(earlier.hearthId(), earlier.externalId(), earlier.error());
        }
        return Arrays.asList(results);
    }

    private void write(ActivityType type, List<Input> inputs, WriteResult[] results) {
        Set<String> contacts = new LinkedHashSet<>();
        inputs.forEach(input -> contacts.add(input.contactId()));
        Set<String> unchecked = new HashSet<>();
        Map<String, String> existing = existing(type, contacts, unchecked);
        List<Input> toCreate = new ArrayList<>();
        for (Input input : inputs) {
            String activity = existing.get(input.touch().touchId());
            if (activity != null) {
                results[input.index()] = WriteResult.written(input.touch().touchId(), activity);
            } else if (unchecked.contains(input.contactId())) {
                results[input.index()] = WriteResult.failed(
                        input.touch().touchId(),
                        "HubSpot contact "
                                + input.contactId() + " has more than " + MAX_ACTIVITIES_PER_CONTACT + " "
                                + type.objectType() + ", too many to check that this touch is not among them");
            } else {
                toCreate.add(input);
            }
        }
        create(type, toCreate, results);
    }

    /**
     * The touch ids marked on the activities of this type associated with these contacts, with the
     * activity ids; contacts with too many activities to check go into {@code unchecked}.
     */
    private Map<String, String> existing(ActivityType type, Set<String> contacts, Set<String> unchecked) {
        List<Map<String, String>> ids =
                contacts.stream().map(id -> Map.of("id", id)).toList();
        JsonReply reply =
                http.post("/crm/v4/associations/contacts/" + type.objectType() + "/batch/read", Map.of("inputs", ids));
        Set<String> activities = new LinkedHashSet<>();
        for (JsonNode result : reply.body().path("results")) {
            String contact = result.path("from").path("id").asText();
            int listed = addTargets(result, activities);
            Optional<String> next = reply.text(result, "/paging/next/after");
            while (next.isPresent()) {
                if (listed >= MAX_ACTIVITIES_PER_CONTACT) {
                    unchecked.add(contact);
                    break;
                }
                JsonReply more = http.get(
                        "/crm/v4/objects/contacts/" + contact + "/associations/" + type.objectType(),
                        Query.of("limit", Integer.toString(ASSOCIATION_PAGE), "after", next.get()));
                listed += addTargets(more.body(), activities);
                next = more.text(more.body(), "/paging/next/after");
            }
        }
        Map<String, String> marked = new HashMap<>();
        List<String> all = new ArrayList<>(activities);
        for (int from = 0; from < all.size(); from += MAX_BATCH) {
            List<Map<String, String>> part = all.subList(from, Math.min(from + MAX_BATCH, all.size())).stream()
                    .map(id -> Map.of("id", id))
                    .toList();
            JsonReply read = http.post(
                    "/crm/v3/objects/" + type.objectType() + "/batch/read",
                    Map.of("properties", List.of(type.bodyProperty()), "inputs", part));
            for (JsonNode activity : read.body().path("results")) {
                TouchActivity.touchIdIn(activity.path("properties")
                                .path(type.bodyProperty())
                                .asText(null))
                        .ifPresent(touchId ->
                                marked.putIfAbsent(touchId, activity.path("id").asText()));
            }
        }
        return marked;
    }

    /** Adds the {@code to[].toObjectId} of an association answer; returns how many it listed. */
    private static int addTargets(JsonNode node, Set<String> activities) {
        int listed = 0;
        for (JsonNode target : node.path("to").isMissingNode() ? node.path("results") : node.path("to")) {
            String id = target.path("toObjectId").asText("");
            if (!id.isEmpty()) {
                activities.add(id);
                listed++;
            }
        }
        return listed;
    }

    private void create(ActivityType type, List<Input> inputs, WriteResult[] results) {
        BatchAnswer.send(
                inputs,
                part -> http.send(CrmHttp.jsonRequest(
                                "POST",
                                "/crm/v3/objects/" + type.objectType() + "/batch/create",
                                Map.of(
                                        "inputs",
                                        part.stream()
                                                .map(input -> activity(type, input))
                                                .toList()))
                        .notRepeatable()),
                type.objectType(),
                (part, answer) -> {
                    Map<String, String> created = new HashMap<>();
                    for (JsonNode result : answer.results()) {
                        TouchActivity.touchIdIn(result.path("properties")
                                        .path(type.bodyProperty())
                                        .asText(null))
                                .ifPresent(touchId ->
                                        created.put(touchId, result.path("id").asText()));
                    }
                    boolean inOrder = created.isEmpty()
                            && answer.errors().isEmpty()
                            && answer.results().size() == part.size();
                    for (int i = 0; i < part.size(); i++) {
                        Input input = part.get(i);
                        String id = inOrder
                                ? answer.results().get(i).path("id").asText()
                                : created.get(input.touch().touchId());
                        results[input.index()] = id != null && !id.isEmpty()
                                ? WriteResult.written(input.touch().touchId(), id)
                                : WriteResult.failed(
                                        input.touch().touchId(),
                                        "HubSpot did not create the " + type.objectType() + " activity: "
                                                + answer.allErrors());
                    }
                },
                (input, reason) -> results[input.index()] =
                        WriteResult.failed(input.touch().touchId(), reason));
    }

    private static Map<String, Object> activity(ActivityType type, Input input) {
        Map<String, Object> activity = new LinkedHashMap<>();
        activity.put("properties", TouchActivity.properties(input.touch(), type));
        activity.put(
                "associations",
                List.of(Map.of(
                        "to", Map.of("id", input.contactId()),
                        "types",
                                List.of(Map.of(
                                        "associationCategory",
                                        "HUBSPOT_DEFINED",
                                        "associationTypeId",
                                        type.contactAssociation())))));
        return activity;
    }
}
