package io.hearth.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.connector.crm.http.fake.FakeCrmServer;
import io.hearth.connector.crm.http.fake.FakeReply;
import io.hearth.connector.crm.http.fake.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A Pipedrive company in memory, served by {@link FakeCrmServer} on 127.0.0.1 with the request and answer
 * shapes of Pipedrive's API reference: v2 persons with keyset cursors, v1 leads and recents with offsets,
 * lead labels, organizations, users, person fields, activities. Its clock moves only when a test ticks it,
 * so every update time is known. A test injects faults ahead of any route with {@link #inject}.
 */
final class FakePipedrive implements AutoCloseable {
    static final String TOKEN = "3f1e5c0a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter V1_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    final FakeCrmServer server = FakeCrmServer.start();
    private final Map<String, Deque<FakeReply>> injected = new HashMap<>();
    private final Map<String, Integer> answersToLose = new HashMap<>();
    private final TreeMap<Long, ObjectNode> persons = new TreeMap<>();
    private final Map<String, ObjectNode> leads = new LinkedHashMap<>();
    private final Map<String, ObjectNode> labels = new LinkedHashMap<>();
    private final Map<Long, String> organizations = new HashMap<>();
    private final Map<Long, String> users = new HashMap<>();
    private final Map<String, ObjectNode> personFields = new HashMap<>();
    private final TreeMap<Long, ObjectNode> activities = new TreeMap<>();
    private final List<ObjectNode> recents = new ArrayList<>();
    private Instant now = Instant.parse("2026-11-02T09:00:00Z");
    private long nextId = 100;

    FakePipedrive() {
        route("GET", "/api/v2/persons", this::listPersons);
        route("GET", DealList.PATH, this::listDeals);
        route("POST", DealList.PATH, this::createDeal);
        route("GET", DealList.STAGES, r -> ok(array(stages.values().stream())));
        route("POST", "/api/v2/persons", this::createPerson);
        route("GET", "/api/v2/persons/search", this::searchPersons);
        route("GET", "/api/v1/leads", this::listLeads);
        route("GET", "/api/v1/leadLabels", r -> ok(array(labels.values().stream())));
        route("POST", "/api/v1/leadLabels", this::createLabel);
        route("GET", "/api/v2/organizations", this::listOrganizations);
        route(
                "GET",
                "/api/v1/users",
                r -> ok(array(users.entrySet().stream()
                        .map(u -> object().put("id", u.getKey())
                                .put("name", "User " + u.getKey())
                                .put("email", u.getValue())
                                .put("active_flag", true)))));
        route("GET", "/api/v1/recents", this::listRecents);
        route("GET", "/api/v2/activities", this::listActivities);
        route("POST", "/api/v2/activities", this::createActivity);
        label("Hot", "red");
        label("Warm", "yellow");
        label("Cold", "blue");
    }

    String baseUrl() {
        return server.baseUrl();
    }

    Map<String, String> config(String... more) {
        Map<String, String> config = new LinkedHashMap<>(Map.of("api_token", TOKEN, "base_url", baseUrl()));
        for (int i = 0; i < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        return config;
    }

    // ---- the company's data, as a test arranges and inspects it

    synchronized Instant now() {
        return now;
    }

    synchronized void tick(int seconds) {
        now = now.plusSeconds(seconds);
    }

    synchronized long organization(String name) {
        long id = nextId++;
        organizations.put(id, name);
        return id;
    }

    synchronized void user(long id, String email) {
        users.put(id, email);
    }

    /** A person named "First Last" with a primary work email, added now. */
    synchronized ObjectNode person(String first, String last, String email) {
        long id = nextId++;
        ObjectNode person = object().put("id", id)
                .put("name", first + " " + last)
                .put("first_name", first)
                .put("last_name", last)
                .putNull("owner_id")
                .putNull("org_id")
                .put("add_time", now.toString())
                .put("update_time", now.toString())
                .put("is_deleted", false)
                .put("visible_to", 3);
        person.putArray("emails")
                .addObject()
                .put("value", email)
                .put("primary", true)
                .put("label", "work");
        person.putArray("phones");
        person.putArray("label_ids");
        person.putObject("custom_fields");
        persons.put(id, person);
        route("GET", "/api/v2/persons/" + id, r -> persons.containsKey(id) ? ok(persons.get(id)) : notFound("Person"));
        route("PATCH", "/api/v2/persons/" + id, r -> updatePerson(id, r));
        changed(person);
        return person;
    }

    /** Changes a person now, as a rep would in Pipedrive. */
    synchronized void update(long personId, Function<ObjectNode, ObjectNode> change) {
        ObjectNode person = change.apply(persons.get(personId)).put("update_time", now.toString());
        changed(person);
    }

    synchronized void delete(long personId) {
        ObjectNode person = persons.remove(personId);
        recents.add(object().put("item", "person")
                .put("id", personId)
                .set("data", person.deepCopy().put("active_flag", false).put("update_time", V1_TIME.format(now))));
    }

    /** Merges {@code loserId} into {@code survivorId} as Pipedrive does: the loser goes, the survivor changes. */
    synchronized void merge(long loserId, long survivorId) {
        ObjectNode loser = persons.remove(loserId);
        recents.add(object().put("item", "person")
                .put("id", loserId)
                .set("data", loser.deepCopy().put("active_flag", false).put("update_time", V1_TIME.format(now))));
        ObjectNode survivor = persons.get(survivorId).put("update_time", now.toString());
        recents.add(object().put("item", "person")
                .put("id", survivorId)
                .set(
                        "data",
                        survivor.deepCopy()
                                .put("active_flag", true)
                                .put("merge_what_id", loserId)
                                .put("update_time", V1_TIME.format(now))));
    }

    synchronized String label(String name, String color) {
        String id = UUID.nameUUIDFromBytes(name.getBytes()).toString();
        labels.put(
                id,
                object().put("id", id)
                        .put("name", name)
                        .put("color", color)
                        .put("add_time", "2020-01-01T00:00:00.000Z")
                        .put("update_time", "2020-01-01T00:00:00.000Z"));
        return id;
    }

    synchronized Optional<String> labelId(String name) {
        return labels.values().stream()
                .filter(l -> l.path("name").asText().equals(name))
                .map(l -> l.path("id").asText())
                .findFirst();
    }

    synchronized List<String> labelNames(String leadId) {
        List<String> names = new ArrayList<>();
        leads.get(leadId)
                .path("label_ids")
                .forEach(id -> names.add(labels.get(id.asText()).path("name").asText()));
        return names;
    }

    /** An open lead of the person (or of nobody, when {@code personId} is null), with these labels, added now. */
    synchronized String lead(Long personId, String... labelNames) {
        String id = UUID.randomUUID().toString();
        ObjectNode lead = object().put("id", id)
                .put("title", "Lead " + id.substring(0, 8))
                .put("owner_id", 1)
                .put("creator_id", 1)
                .put("source_name", "API")
                .put("origin", "API")
                .put("is_archived", false)
                .put("was_seen", false)
                .putNull("organization_id")
                .put("add_time", now.toString())
                .put("update_time", now.toString());
        if (personId == null) {
            lead.putNull("person_id");
        } else {
            lead.put("person_id", personId);
        }
        ArrayNode ids = lead.putArray("label_ids");
        for (String name : labelNames) {
            ids.add(labelId(name).orElseThrow());
        }
        leads.put(id, lead);
        route("PATCH", "/api/v1/leads/" + id, r -> updateLead(id, r));
        return id;
    }

    synchronized void relabel(String leadId, String... labelNames) {
        ArrayNode ids = leads.get(leadId).putArray("label_ids");
        for (String name : labelNames) {
            ids.add(labelId(name).orElseThrow());
        }
        leads.get(leadId).put("update_time", now.toString());
    }

    /** A person custom field; with options it is a single-option (enum) field. */
    synchronized void personField(String key, String name, String... options) {
        ObjectNode field = object().put("field_code", key)
                .put("field_name", name)
                .put("field_type", options.length == 0 ? "varchar" : "enum")
                .put("is_custom_field", true);
        ArrayNode list = field.putArray("options");
        for (int i = 0; i < options.length; i++) {
            list.addObject().put("id", i + 1).put("label", options[i]);
        }
        personFields.put(key, field);
        route("GET", "/api/v2/personFields/" + key, r -> ok(personFields.get(key)));
    }

    synchronized ObjectNode personById(long id) {
        return persons.get(id);
    }

    synchronized List<ObjectNode> activities() {
        return List.copyOf(activities.values());
    }

    /** Replies served before the route's own answer, one per request, for faults. */
    synchronized void inject(String method, String path, FakeReply... replies) {
        injected.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>()).addAll(List.of(replies));
    }

    /**
     * The {@code nth} request to this route from now on is carried out, but its connection drops before
     * the answer: what a client sees when its request arrived and the network failed on the way back.
     */
    synchronized void loseAnswer(String method, String path, int nth) {
        answersToLose.put(method + " " + path, nth);
    }

    List<RecordedRequest> requests(String method, String path) {
        return server.requests(method, path);
    }

    @Override
    public void close() {
        server.close();
    }

    // ---- routes

    /** Registers a route behind the token check and the injected faults. */
    private void route(String method, String path, Function<RecordedRequest, FakeReply> handler) {
        server.on(method, path, request -> {
            synchronized (this) {
                Deque<FakeReply> faults = injected.get(method + " " + path);
                if (faults != null && !faults.isEmpty()) {
                    return faults.poll();
                }
                if (!request.header("x-api-token").equals(Optional.of(TOKEN))) {
                    return FakeReply.json(
                            401,
                            "{\"success\":false,\"error\":\"unauthorized access\",\"errorCode\":401,"
                                    + "\"error_info\":\"Please check developers.pipedrive.com for more information about "
                                    + "Pipedrive API.\",\"data\":null,\"additional_data\":null}");
                }
                FakeReply reply = handler.apply(request);
                Integer countdown = answersToLose.computeIfPresent(method + " " + path, (k, n) -> n - 1);
                if (countdown != null && countdown == 0) {
                    answersToLose.remove(method + " " + path);
                    return FakeReply.drop();
                }
                return reply;
            }
        });
    }

    private final Map<Long, ObjectNode> deals = new java.util.TreeMap<>();
    private final Map<Long, ObjectNode> stages = new java.util.TreeMap<>();

    /** A stage of the first pipeline, as {@code GET /api/v2/stages} lists it. */
    synchronized void stage(long id, String name) {
        stage(id, name, 1);
    }

    /** A stage of a pipeline, after the stages it has so far. */
    synchronized void stage(long id, String name, long pipelineId) {
        long order = stages.values().stream()
                .filter(s -> s.path("pipeline_id").asLong() == pipelineId)
                .count();
        stages.put(
                id,
                object().put("id", id)
                        .put("name", name)
                        .put("pipeline_id", pipelineId)
                        .put("order_nr", order + 1));
    }

    /** A deal as API v2 answers it, with fields in pairs over the defaults (status open, EUR). */
    synchronized ObjectNode deal(long id, long personId, String title, String... fields) {
        ObjectNode deal = object().put("id", id)
                .put("title", title)
                .put("value", 100)
                .put("currency", "EUR")
                .put("person_id", personId)
                .put("stage_id", 1)
                .put("pipeline_id", 1)
                .put("status", "open")
                .put("owner_id", 7)
                .put("update_time", "2026-11-30T09:00:00Z")
                .put("is_deleted", false);
        for (int i = 0; i < fields.length; i += 2) {
            deal.put(fields[i], fields[i + 1]);
        }
        deals.put(id, deal);
        routeDeal(id);
        return deal;
    }

    /** The deal as the company has it now. */
    synchronized ObjectNode dealById(long id) {
        return deals.get(id).deepCopy();
    }

    /** Every deal the company has, by id. */
    synchronized List<ObjectNode> deals() {
        return deals.values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** The name of a stage, or null for a stage the company does not have. */
    synchronized String stageName(long id) {
        ObjectNode stage = stages.get(id);
        return stage == null ? null : stage.path("name").asText();
    }

    synchronized int dealCount() {
        return deals.size();
    }

    private void routeDeal(long id) {
        route("PATCH", DealList.PATH + "/" + id, r -> updateDeal(id, r));
    }

    /** Creates a deal from a v2 body; its stage defaults to the first pipeline's first stage, as Pipedrive's. */
    private FakeReply createDeal(RecordedRequest request) {
        ObjectNode body = (ObjectNode) parse(request);
        if (!body.hasNonNull("title")) {
            return FakeReply.json(400, "{\"success\":false,\"error\":\"Title is required\",\"errorCode\":400}");
        }
        long id = nextId++;
        ObjectNode deal = object().put("id", id)
                .put("value", 0)
                .put("currency", "EUR")
                .putNull("person_id")
                .put(
                        "stage_id",
                        stages.isEmpty() ? 1 : stages.keySet().iterator().next())
                .put("pipeline_id", 1)
                .put("status", "open")
                .put("owner_id", 1)
                .put("add_time", now.toString())
                .put("is_deleted", false);
        FakeReply refused = changeDeal(deal, body);
        if (refused != null) {
            return refused;
        }
        deals.put(id, deal);
        routeDeal(id);
        return FakeReply.json(201, answer(deal, null).toString());
    }

    private FakeReply updateDeal(long id, RecordedRequest request) {
        ObjectNode deal = deals.get(id);
        if (deal == null || deal.path("status").asText().equals("deleted")) {
            return notFound("Deal");
        }
        ObjectNode changed = deal.deepCopy();
        FakeReply refused = changeDeal(changed, (ObjectNode) parse(request));
        if (refused != null) {
            return refused;
        }
        deals.put(id, changed);
        return ok(changed);
    }

    /** Applies a v2 body as Pipedrive checks it: a person and a stage must exist; null for done, else the refusal. */
    private FakeReply changeDeal(ObjectNode deal, ObjectNode body) {
        if (body.has("person_id") && !persons.containsKey(body.path("person_id").asLong())) {
            return FakeReply.json(400, "{\"success\":false,\"error\":\"Person not found\",\"errorCode\":400}");
        }
        if (body.has("stage_id")) {
            ObjectNode stage = stages.get(body.path("stage_id").asLong());
            if (stage == null) {
                return FakeReply.json(400, "{\"success\":false,\"error\":\"Stage not found\",\"errorCode\":400}");
            }
            deal.put("pipeline_id", stage.path("pipeline_id").asLong());
        }
        if (body.has("status")
                && !List.of("open", "won", "lost").contains(body.path("status").asText())) {
            return FakeReply.json(400, "{\"success\":false,\"error\":\"Invalid status\",\"errorCode\":400}");
        }
        deal.setAll(body);
        deal.put("update_time", now.toString());
        return null;
    }

    /** Changes a deal's fields (in pairs). */
    synchronized void modifyDeal(long id, String... fields) {
        ObjectNode deal = deals.get(id);
        for (int i = 0; i < fields.length; i += 2) {
            deal.put(fields[i], fields[i + 1]);
        }
    }

    private FakeReply listDeals(RecordedRequest request) {
        int limit = limit(request);
        if (limit < 0) {
            return tooLarge();
        }
        List<String> ids = request.queryParameter("ids")
                .map(text -> List.of(text.split(",")))
                .orElse(null);
        List<ObjectNode> all = deals.values().stream()
                .filter(d -> !d.path("status").asText().equals("deleted"))
                .filter(d -> ids == null || ids.contains(d.path("id").asText()))
                .filter(d -> request.queryParameter("person_id")
                        .map(person -> person.equals(d.path("person_id").asText()))
                        .orElse(true))
                .toList();
        int from = request.queryParameter("cursor")
                .map(c -> Integer.parseInt(new String(Base64.getDecoder().decode(c))))
                .orElse(0);
        List<ObjectNode> page = all.subList(Math.min(from, all.size()), Math.min(all.size(), from + limit));
        ObjectNode additional = object();
        if (from + limit < all.size()) {
            additional.put(
                    "next_cursor",
                    Base64.getEncoder()
                            .encodeToString(Integer.toString(from + limit).getBytes()));
        } else {
            additional.putNull("next_cursor");
        }
        return ok(array(page.stream()), additional);
    }

    private FakeReply listPersons(RecordedRequest request) {
        int limit = limit(request);
        if (limit < 0) {
            return tooLarge();
        }
        Optional<String> ids = request.queryParameter("ids");
        if (ids.isPresent()) {
            List<String> wanted = List.of(ids.get().split(","));
            return ok(
                    array(persons.values().stream()
                            .filter(p -> wanted.contains(p.path("id").asText()))),
                    object().putNull("next_cursor"));
        }
        Instant since =
                request.queryParameter("updated_since").map(Instant::parse).orElse(Instant.MIN);
        Comparator<ObjectNode> order =
                request.queryParameter("sort_by").orElse("id").equals("update_time")
                        ? Comparator.comparing((ObjectNode p) ->
                                        Instant.parse(p.path("update_time").asText()))
                                .thenComparing(p -> p.path("id").asLong())
                        : Comparator.comparing(p -> p.path("id").asLong());
        List<ObjectNode> all = persons.values().stream()
                .filter(p -> !Instant.parse(p.path("update_time").asText()).isBefore(since))
                .sorted(order)
                .toList();
        // a keyset cursor, as Pipedrive's: the position of the next page's first person
        int from = request.queryParameter("cursor").map(c -> indexOf(all, c)).orElse(0);
        List<ObjectNode> page = all.subList(from, Math.min(all.size(), from + limit));
        ObjectNode additional = object();
        if (from + limit < all.size()) {
            additional.put("next_cursor", keyOf(all.get(from + limit)));
        } else {
            additional.putNull("next_cursor");
        }
        return ok(array(page.stream()), additional);
    }

    private static String keyOf(ObjectNode person) {
        return Base64.getEncoder()
                .encodeToString(
                        ("{\"update_time\":\"" + person.path("update_time").asText() + "\",\"id\":"
                                        + person.path("id").asLong() + "}")
                                .getBytes());
    }

    private static int indexOf(List<ObjectNode> all, String cursor) {
        for (int i = 0; i < all.size(); i++) {
            if (keyOf(all.get(i)).equals(cursor)) {
                return i;
            }
        }
        return all.size();
    }

    private FakeReply createPerson(RecordedRequest request) {
        JsonNode body = parse(request);
        ObjectNode person = person(
                body.path("name").asText(),
                "",
                body.path("emails").path(0).path("value").asText());
        person.put("name", body.path("name").asText());
        person.remove("first_name");
        person.remove("last_name");
        if (body.has("phones")) {
            person.set("phones", body.path("phones"));
        }
        if (body.has("custom_fields")) {
            person.set("custom_fields", body.path("custom_fields"));
        }
        return FakeReply.json(201, answer(person, null).toString());
    }

    private FakeReply updatePerson(long id, RecordedRequest request) {
        ObjectNode person = persons.get(id);
        if (person == null) {
            return notFound("Person");
        }
        JsonNode body = parse(request);
        body.fields().forEachRemaining(field -> {
            if (field.getKey().equals("custom_fields")) {
                field.getValue()
                        .fields()
                        .forEachRemaining(
                                f -> ((ObjectNode) person.path("custom_fields")).set(f.getKey(), f.getValue()));
            } else {
                person.set(field.getKey(), field.getValue());
            }
        });
        person.put("update_time", now.toString());
        changed(person);
        return ok(person);
    }

    private FakeReply searchPersons(RecordedRequest request) {
        String term = request.queryParameter("term").orElse("");
        ArrayNode items = JSON.createArrayNode();
        persons.values().stream()
                .filter(p -> Stream.of(p.path("emails"))
                        .flatMap(e -> {
                            List<String> values = new ArrayList<>();
                            e.forEach(v -> values.add(v.path("value").asText()));
                            return values.stream();
                        })
                        .anyMatch(term::equalsIgnoreCase))
                .forEach(p -> items.addObject()
                        .put("result_score", 1.0)
                        .set(
                                "item",
                                object().put("id", p.path("id").asLong())
                                        .put("type", "person")
                                        .put("name", p.path("name").asText())));
        ObjectNode data = object();
        data.set("items", items);
        return ok(data, object().putNull("next_cursor"));
    }

    private FakeReply listLeads(RecordedRequest request) {
        int limit = limit(request);
        if (limit < 0) {
            return tooLarge();
        }
        int start = Integer.parseInt(request.queryParameter("start").orElse("0"));
        Instant since =
                request.queryParameter("updated_since").map(Instant::parse).orElse(Instant.MIN);
        Predicate<ObjectNode> ofPerson = request.queryParameter("person_id")
                .map(id -> (Predicate<ObjectNode>)
                        l -> l.path("person_id").asText().equals(id))
                .orElse(l -> true);
        Comparator<ObjectNode> order = request.queryParameter("sort").orElse("").startsWith("update_time ASC")
                ? Comparator.comparing((ObjectNode l) ->
                                Instant.parse(l.path("update_time").asText()))
                        .thenComparing(l -> l.path("id").asText())
                : (a, b) -> 0;
        List<ObjectNode> all = leads.values().stream()
                .filter(l -> !l.path("is_archived").asBoolean())
                .filter(ofPerson)
                .filter(l -> !Instant.parse(l.path("update_time").asText()).isBefore(since))
                .sorted(order)
                .toList();
        List<ObjectNode> page = all.subList(Math.min(start, all.size()), Math.min(all.size(), start + limit));
        ObjectNode additional = object();
        additional
                .putObject("pagination")
                .put("start", start)
                .put("limit", limit)
                .put("more_items_in_collection", start + limit < all.size());
        return ok(array(page.stream()), additional);
    }

    private FakeReply updateLead(String id, RecordedRequest request) {
        ObjectNode lead = leads.get(id);
        JsonNode body = parse(request);
        if (body.has("label_ids")) {
            for (JsonNode label : body.path("label_ids")) {
                if (!labels.containsKey(label.asText())) {
                    return FakeReply.json(
                            400,
                            "{\"success\":false,\"error\":\"Lead label " + label.asText()
                                    + " does not exist\",\"errorCode\":400}");
                }
            }
            lead.set("label_ids", body.path("label_ids"));
        }
        lead.put("update_time", now.toString());
        return ok(lead);
    }

    private FakeReply createLabel(RecordedRequest request) {
        JsonNode body = parse(request);
        String id = label(body.path("name").asText(), body.path("color").asText());
        return ok(labels.get(id));
    }

    private FakeReply listOrganizations(RecordedRequest request) {
        List<String> wanted = List.of(request.queryParameter("ids").orElse("").split(","));
        if (wanted.size() > 100) {
            return FakeReply.json(400, "{\"success\":false,\"error\":\"ids must hold at most 100 ids\"}");
        }
        return ok(
                array(organizations.entrySet().stream()
                        .filter(o -> wanted.contains(o.getKey().toString()))
                        .map(o -> object().put("id", o.getKey()).put("name", o.getValue()))),
                object().putNull("next_cursor"));
    }

    private FakeReply listRecents(RecordedRequest request) {
        int limit = limit(request);
        int start = Integer.parseInt(request.queryParameter("start").orElse("0"));
        String since = request.queryParameter("since_timestamp").orElseThrow();
        List<ObjectNode> all = recents.stream()
                .filter(r -> r.path("data").path("update_time").asText().compareTo(since) >= 0)
                .toList();
        List<ObjectNode> page = all.subList(Math.min(start, all.size()), Math.min(all.size(), start + limit));
        ObjectNode additional = object().put("since_timestamp", since)
                .put(
                        "last_timestamp_on_page",
                        page.isEmpty()
                                ? since
                                : page.get(page.size() - 1)
                                        .path("data")
                                        .path("update_time")
                                        .asText());
        additional
                .putObject("pagination")
                .put("start", start)
                .put("limit", limit)
                .put("more_items_in_collection", start + limit < all.size());
        return ok(array(page.stream()), additional);
    }

    private FakeReply listActivities(RecordedRequest request) {
        String personId = request.queryParameter("person_id").orElse("");
        int limit = limit(request);
        int from = Integer.parseInt(request.queryParameter("cursor").orElse("0"));
        List<ObjectNode> all = activities.values().stream()
                .filter(a -> a.path("participants")
                        .path(0)
                        .path("person_id")
                        .asText()
                        .equals(personId))
                .toList();
        List<ObjectNode> page = all.subList(Math.min(from, all.size()), Math.min(all.size(), from + limit));
        ObjectNode additional = object();
        if (from + limit < all.size()) {
            additional.put("next_cursor", Integer.toString(from + limit));
        } else {
            additional.putNull("next_cursor");
        }
        return ok(array(page.stream()), additional);
    }

    private FakeReply createActivity(RecordedRequest request) {
        ObjectNode activity = (ObjectNode) parse(request);
        long id = nextId++;
        activity.put("id", id)
                .put("add_time", now.toString())
                .put("update_time", now.toString())
                .put("is_deleted", false)
                .put("owner_id", 1);
        activities.put(id, activity);
        return FakeReply.json(201, answer(activity, null).toString());
    }

    // ---- shapes

    private void changed(ObjectNode person) {
        recents.add(object().put("item", "person")
                .put("id", person.path("id").asLong())
                .set("data", person.deepCopy().put("active_flag", true).put("update_time", V1_TIME.format(now))));
    }

    private static int limit(RecordedRequest request) {
        int limit = Integer.parseInt(request.queryParameter("limit").orElse("100"));
        return limit > 500 ? -1 : limit;
    }

    private static FakeReply tooLarge() {
        return FakeReply.json(400, "{\"success\":false,\"error\":\"Limit must be at most 500\",\"errorCode\":400}");
    }

    private static FakeReply notFound(String what) {
        return FakeReply.json(
                404,
                "{\"success\":false,\"error\":\"" + what + " not found\",\"errorCode\":404,"
                        + "\"error_info\":\"Please check developers.pipedrive.com for more information about Pipedrive "
                        + "API.\"}");
    }

    private static FakeReply ok(JsonNode data) {
        return ok(data, null);
    }

    private static FakeReply ok(JsonNode data, ObjectNode additional) {
        return FakeReply.json(200, answer(data, additional).toString());
    }

    /** {"success":true,"data":...,"additional_data":...}, Pipedrive's answer to every successful call. */
    private static ObjectNode answer(JsonNode data, ObjectNode additional) {
        ObjectNode answer = object().put("success", true);
        answer.set("data", data);
        if (additional != null) {
            answer.set("additional_data", additional);
        }
        return answer;
    }

    private static ArrayNode array(Stream<? extends JsonNode> nodes) {
        ArrayNode array = JSON.createArrayNode();
        nodes.forEach(node -> array.add(node.deepCopy()));
        return array;
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private static JsonNode parse(RecordedRequest request) {
        try {
            return JSON.readTree(request.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
