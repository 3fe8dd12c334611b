package io.hearth.connector.hubspot;

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
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * HubSpot's contacts and activities APIs as this connector uses them, faked on 127.0.0.1 over
 * {@link FakeCrmServer}, with the documented request and answer shapes: the CRM search (filter groups,
 * one sort, {@code after} offsets, {@code total}, the 10,000-result cap answered 400), the recycle bin
 * listing, batch update and upsert with 207 multi-status errors, v4 association reads, activity batch
 * read and create. Contacts sharing a sort key come back in descending id order, as no client may rely
 * on HubSpot's order among equals. Public, in this module's test-jar, for the end-to-end test that runs
 * the plugin in the real server.
 */
public final class FakeHubSpot implements AutoCloseable {
    public static final String TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";
    static final String READ_SCOPE = "crm.objects.contacts.read";
    static final String WRITE_SCOPE = "crm.objects.contacts.write";
    static final String DEALS_READ_SCOPE = "crm.objects.deals.read";
    static final String DEALS_WRITE_SCOPE = "crm.objects.deals.write";
    /** The deal properties the fake account has; {@code hearth_deal_id} has unique values. */
    static final Set<String> DEAL_PROPERTIES = Set.of(
            "dealname",
            "amount",
            "deal_currency_code",
            "dealstage",
            "pipeline",
            "closedate",
            "hubspot_owner_id",
            "closed_lost_reason",
            "closed_won_reason",
            "hearth_deal_id");
    /** The stages of the default pipeline, by id. */
    static final Set<String> DEFAULT_STAGES = Set.of(
            "appointmentscheduled",
            "qualifiedtobuy",
            "presentationscheduled",
            "decisionmakerboughtin",
            "contractsent",
            "closedwon",
            "closedlost");

    static final Set<String> KNOWN_PROPERTIES = Set.of(
            "firstname",
            "lastname",
            "email",
            "phone",
            "company",
            "jobtitle",
            "hubspot_owner_id",
            "lifecyclestage",
            "hs_lead_status",
            "hearth_temperature",
            "hearth_status");
    static final Set<String> TEMPERATURES = Set.of("hot", "warm", "cool", "cold");
    private static final Map<String, Integer> CONTACT_ASSOCIATIONS =
            Map.of("calls", 194, "emails", 198, "meetings", 200, "notes", 202);
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final class Contact {
        final long id;
        public final Map<String, String> properties = new TreeMap<>();
        long modifiedAt;
        Long archivedAt;

        Contact(long id, long modifiedAt) {
            this.id = id;
            this.modifiedAt = modifiedAt;
        }
    }

    public static final class Activity {
        public final long id;
        public final String type;
        public final Map<String, String> properties = new LinkedHashMap<>();
        public final Set<Long> contacts = new LinkedHashSet<>();
        final int associationType;

        Activity(long id, String type, int associationType) {
            this.id = id;
            this.type = type;
            this.associationType = associationType;
        }
    }

    private final FakeCrmServer crm = FakeCrmServer.start();
    private final Map<Long, Contact> contacts = new TreeMap<>();
    private final Map<Long, Activity> activities = new TreeMap<>();
    private final Map<String, Deque<FakeReply>> faults = new HashMap<>();
    private final AtomicInteger searchPages = new AtomicInteger();
    private long nextId = 90_000;
    private Set<String> scopes = Set.of(READ_SCOPE, WRITE_SCOPE, DEALS_READ_SCOPE, DEALS_WRITE_SCOPE);
    private Set<String> dealProperties = DEAL_PROPERTIES;
    private boolean dropNextDealUpsertReply;
    private final Map<Long, Deal> deals = new TreeMap<>();

    /** A deal as HubSpot keeps it: its properties and the contacts associated with it. */
    public static final class Deal {
        final long id;
        public final Map<String, String> properties = new TreeMap<>();
        public final Set<Long> contacts = new LinkedHashSet<>();
        long updatedAt;

        Deal(long id, long updatedAt) {
            this.id = id;
            this.updatedAt = updatedAt;
        }
    }
    /** The fake's clock for changes made through the API, in epoch milliseconds. */
    private long now;

    private Consumer<Integer> afterSearchPage = page -> {};
    private boolean dropNextCreateReply;

    public FakeHubSpot(long now) {
        this.now = now;
        route("POST", ContactSearch.PATH, this::search);
        route("GET", DeletedContacts.PATH, this::list);
        route("GET", DealList.PATH, this::listDeals);
        route("POST", ContactWriter.UPDATE, this::update);
        route("POST", ContactWriter.UPSERT, this::upsert);
        route("POST", HubSpotDealWriter.UPDATE, this::updateDeals);
        route("POST", HubSpotDealWriter.UPSERT, this::upsertDeals);
        route("POST", HubSpotDealWriter.ASSOCIATE, this::associateDeals);
        for (String type : CONTACT_ASSOCIATIONS.keySet()) {
            route(
                    "POST",
                    "/crm/v4/associations/contacts/" + type + "/batch/read",
                    request -> associations(type, request));
            route("POST", "/crm/v3/objects/" + type + "/batch/read", request -> readActivities(type, request));
            route("POST", "/crm/v3/objects/" + type + "/batch/create", request -> createActivities(type, request));
        }
    }

    public String baseUrl() {
        return crm.baseUrl();
    }

    FakeCrmServer server() {
        return crm;
    }

    public synchronized Contact contact(long id, long modifiedAt, String... properties) {
        Contact contact = new Contact(id, modifiedAt);
        for (int i = 0; i < properties.length; i += 2) {
            contact.properties.put(properties[i], properties[i + 1]);
        }
        contacts.put(id, contact);
        return contact;
    }

    public synchronized Contact contact(long id) {
        return contacts.get(id);
    }

    /** A change made in HubSpot: the contact's property and its lastmodifieddate. */
    synchronized void modify(long id, long at, String property, String value) {
        Contact contact = contacts.get(id);
        contact.properties.put(property, value);
        contact.modifiedAt = at;
    }

    synchronized void archive(long id, long at) {
        contacts.get(id).archivedAt = at;
    }

    public synchronized List<Activity> activities() {
        return List.copyOf(activities.values());
    }

    synchronized void now(long millis) {
        now = millis;
    }

    void scopes(String... granted) {
        scopes = Set.of(granted);
    }

    /** Serves these replies to {@code method path} before its normal answers, one per request. */
    synchronized void fail(String method, String path, FakeReply... replies) {
        faults.computeIfAbsent(method + " " + path, key -> new ArrayDeque<>()).addAll(List.of(replies));
    }

    /** Runs after each search page is computed (1 for the first), before it is sent: a change meanwhile. */
    void afterSearchPage(Consumer<Integer> change) {
        afterSearchPage = change;
    }

    /** The next activity batch create is carried out, but its answer is lost (the connection drops). */
    void loseNextCreateReply() {
        dropNextCreateReply = true;
    }

    /** How many contact batch writes (updates and upserts) HubSpot was sent. */
    public int contactWrites() {
        return requests("POST", ContactWriter.UPDATE).size()
                + requests("POST", ContactWriter.UPSERT).size();
    }

    List<RecordedRequest> requests(String method, String path) {
        return crm.requests(method, path);
    }

    List<JsonNode> searchBodies() {
        return requests("POST", ContactSearch.PATH).stream()
                .map(FakeHubSpot::json)
                .toList();
    }

    @Override
    public void close() {
        crm.close();
    }

    private void route(String method, String path, Function<RecordedRequest, FakeReply> handler) {
        crm.on(method, path, request -> {
            synchronized (this) {
                Deque<FakeReply> queue = faults.get(method + " " + path);
                if (queue != null && !queue.isEmpty()) {
                    return queue.poll();
                }
                if (!request.header("Authorization").orElse("").equals("Bearer " + TOKEN)) {
                    return FakeReply.json(
                            401,
                            "{\"status\":\"error\",\"message\":\"Authentication credentials not "
                                    + "found. This API supports OAuth 2.0 authentication and you can find more details at "
                                    + "https://developers.hubspot.com/docs/methods/auth/oauth-overview\",\"correlationId\":"
                                    + "\"5d7c1b4e\",\"category\":\"INVALID_AUTHENTICATION\"}");
                }
                String needed = path.startsWith(DealList.PATH + "/batch/")
                                || path.startsWith("/crm/v4/associations/deals")
                        ? DEALS_WRITE_SCOPE
                        : path.startsWith(DealList.PATH)
                                ? DEALS_READ_SCOPE
                                : method.equals("GET") || path.endsWith("/search") || path.endsWith("/batch/read")
                                        ? READ_SCOPE
                                        : WRITE_SCOPE;
                if (!scopes.contains(needed)) {
                    return FakeReply.json(
                            403,
                            "{\"status\":\"error\",\"message\":\"This app hasn't been granted all "
                                    + "required scopes to make this call. Read more about required scopes here: "
                                    + "https://developers.hubspot.com/scopes.\",\"correlationId\":\"0e7f\",\"errors\":[{"
                                    + "\"message\":\"One or more of the following scopes are required.\",\"context\":{"
                                    + "\"requiredGranularScopes\":[\"" + needed + "\"]}}],\"links\":{\"scopes\":"
                                    + "\"https://developers.hubspot.com/scopes\"},\"category\":\"MISSING_SCOPES\"}");
                }
                return handler.apply(request);
            }
        });
    }

    private FakeReply search(RecordedRequest request) {
        JsonNode body = json(request);
        int limit = body.path("limit").asInt(10);
        int after = body.has("after") ? Integer.parseInt(body.get("after").asText()) : 0;
        if (limit > 200) {
            return validation("limit must be at most 200");
        }
        if (after >= ContactSearch.RESULT_CAP) {
            return validation("The search endpoint cannot page past 10000 results");
        }
        if (body.path("filterGroups").size() > 5 || body.path("sorts").size() > 1) {
            return validation("at most 5 filter groups and one sort");
        }
        String sortedBy = body.path("sorts").path(0).path("propertyName").asText(ContactFields.OBJECT_ID);
        List<Contact> matches = contacts.values().stream()
                .filter(contact -> contact.archivedAt == null)
                .filter(contact -> matches(contact, body.path("filterGroups")))
                .sorted(Comparator.comparingLong((Contact contact) -> value(contact, sortedBy))
                        .thenComparing(Comparator.comparingLong((Contact contact) -> contact.id)
                                .reversed()))
                .toList();
        List<Contact> page = matches.subList(Math.min(after, matches.size()), Math.min(after + limit, matches.size()));
        ObjectNode answer = JSON.createObjectNode();
        answer.put("total", matches.size());
        ArrayNode results = answer.putArray("results");
        List<String> wanted = new ArrayList<>();
        body.path("properties").forEach(property -> wanted.add(property.asText()));
        page.forEach(contact -> results.add(contactJson(contact, wanted)));
        if (after + limit < matches.size()) {
            answer.putObject("paging")
                    .putObject("next")
                    .put("after", Integer.toString(after + limit))
                    .put("link", "?after=" + (after + limit));
        }
        String text = answer.toString();
        afterSearchPage.accept(searchPages.incrementAndGet());
        return FakeReply.json(200, text);
    }

    private static boolean matches(Contact contact, JsonNode groups) {
        if (groups.isEmpty()) {
            return true;
        }
        for (JsonNode group : groups) {
            boolean all = true;
            for (JsonNode filter : group.path("filters")) {
                long actual = value(contact, filter.path("propertyName").asText());
                long wanted = Long.parseLong(filter.path("value").asText());
                all &= switch (filter.path("operator").asText()) {
                    case "EQ" -> actual == wanted;
                    case "GT" -> actual > wanted;
                    case "GTE" -> actual >= wanted;
                    case "LT" -> actual < wanted;
                    case "LTE" -> actual <= wanted;
                    default -> throw new IllegalArgumentException("operator " + filter.path("operator"));
                };
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static long value(Contact contact, String property) {
        return switch (property) {
            case ContactFields.LAST_MODIFIED -> contact.modifiedAt;
            case ContactFields.OBJECT_ID -> contact.id;
            default -> throw new IllegalArgumentException("the fake filters and sorts on " + property + " only");
        };
    }

    private ObjectNode contactJson(Contact contact, List<String> wanted) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", Long.toString(contact.id));
        ObjectNode properties = node.putObject("properties");
        properties.put("createdate", ISO.format(Instant.ofEpochMilli(1_600_000_000_000L)));
        properties.put("hs_object_id", Long.toString(contact.id));
        properties.put(ContactFields.LAST_MODIFIED, ISO.format(Instant.ofEpochMilli(contact.modifiedAt)));
        for (String property : wanted) {
            if (!properties.has(property)) {
                properties.put(property, contact.properties.get(property));
            }
        }
        node.put("createdAt", ISO.format(Instant.ofEpochMilli(1_600_000_000_000L)));
        node.put("updatedAt", ISO.format(Instant.ofEpochMilli(contact.modifiedAt)));
        node.put("archived", contact.archivedAt != null);
        if (contact.archivedAt != null) {
            node.put("archivedAt", ISO.format(Instant.ofEpochMilli(contact.archivedAt)));
        }
        return node;
    }

    /** {@code GET /crm/v3/objects/contacts}: the live contacts, or with {@code archived=true} the bin; by id. */
    /** Adds (or replaces) a deal with properties in pairs, associated with {@code contacts}. */
    public synchronized Deal deal(long id, long updatedAt, List<Long> contactIds, String... properties) {
        Deal deal = new Deal(id, updatedAt);
        for (int i = 0; i < properties.length; i += 2) {
            deal.properties.put(properties[i], properties[i + 1]);
        }
        deal.contacts.addAll(contactIds);
        deals.put(id, deal);
        return deal;
    }

    /** Changes a deal's properties (in pairs) at {@code at}. */
    public synchronized void modifyDeal(long id, long at, String... properties) {
        Deal deal = deals.get(id);
        for (int i = 0; i < properties.length; i += 2) {
            deal.properties.put(properties[i], properties[i + 1]);
        }
        deal.updatedAt = at;
    }

    public synchronized Deal deal(long id) {
        return deals.get(id);
    }

    public synchronized List<Deal> deals() {
        return List.copyOf(deals.values());
    }

    /** The account lacks these deal properties (e.g. Hearth's id property, not created yet). */
    synchronized void withoutDealProperties(String... missing) {
        Set<String> properties = new LinkedHashSet<>(DEAL_PROPERTIES);
        List.of(missing).forEach(properties::remove);
        dealProperties = properties;
    }

    /** The next deal upsert is carried out, but its answer is lost (the connection drops). */
    synchronized void loseNextDealUpsertReply() {
        dropNextDealUpsertReply = true;
    }

    /** {@code POST .../deals/batch/update}: by id; an unknown id is an error of a 207 answer. */
    private FakeReply updateDeals(RecordedRequest request) {
        JsonNode inputs = json(request).path("inputs");
        FakeReply invalid = invalidDealProperties(inputs);
        if (invalid != null) {
            return invalid;
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("results");
        List<String> missing = new ArrayList<>();
        for (JsonNode input : inputs) {
            Deal deal = deals.get(Long.parseLong(input.path("id").asText()));
            if (deal == null) {
                missing.add(input.path("id").asText());
                continue;
            }
            writeDeal(deal, input);
            results.add(dealJson(deal));
        }
        return batchAnswer(answer, missing);
    }

    /** {@code POST .../deals/batch/upsert} on the unique {@code idProperty}: found, or created. */
    private FakeReply upsertDeals(RecordedRequest request) {
        JsonNode inputs = json(request).path("inputs");
        FakeReply invalid = invalidDealProperties(inputs);
        if (invalid != null) {
            return invalid;
        }
        for (JsonNode input : inputs) {
            String idProperty = input.path("idProperty").asText();
            if (!dealProperties.contains(idProperty)) {
                return validation("Property values were not valid: [{\"isValid\":false,\"message\":"
                        + "\"Property \\\"" + idProperty + "\\\" does not exist\",\"error\":"
                        + "\"PROPERTY_DOESNT_EXIST\",\"name\":\"" + idProperty + "\"}]");
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("results");
        List<ObjectNode> written = new ArrayList<>();
        for (JsonNode input : inputs) {
            String idProperty = input.path("idProperty").asText();
            String key = input.path("id").asText();
            Deal deal = deals.values().stream()
                    .filter(d -> key.equals(d.properties.get(idProperty)))
                    .findFirst()
                    .orElse(null);
            boolean created = deal == null;
            if (created) {
                deal = deal(nextId++, now, List.of(), idProperty, key);
            }
            writeDeal(deal, input);
            // the answer carries the properties the input set, not the deal's others
            ObjectNode result = JSON.createObjectNode().put("id", Long.toString(deal.id));
            ObjectNode properties = result.putObject("properties");
            input.path("properties")
                    .fields()
                    .forEachRemaining(
                            e -> properties.put(e.getKey(), e.getValue().asText()));
            properties.put("hs_object_id", Long.toString(deal.id));
            result.put("new", created);
            written.add(result);
        }
        // HubSpot does not promise the inputs' order in its results
        for (int i = written.size() - 1; i >= 0; i--) {
            results.add(written.get(i));
        }
        if (dropNextDealUpsertReply) {
            dropNextDealUpsertReply = false;
            return FakeReply.drop();
        }
        return batchAnswer(answer, List.of());
    }

    /** {@code POST /crm/v4/associations/deals/contacts/batch/associate/default}: an unknown contact fails it. */
    private FakeReply associateDeals(RecordedRequest request) {
        ObjectNode answer = JSON.createObjectNode().put("status", "COMPLETE");
        ArrayNode results = answer.putArray("results");
        List<String> failed = new ArrayList<>();
        for (JsonNode input : json(request).path("inputs")) {
            Deal deal = deals.get(Long.parseLong(input.path("from").path("id").asText()));
            long contact = Long.parseLong(input.path("to").path("id").asText());
            if (deal == null || !contacts.containsKey(contact)) {
                failed.add(input.path("from").path("id").asText());
                continue;
            }
            deal.contacts.add(contact);
            ObjectNode result = results.addObject();
            result.putObject("from").put("id", Long.toString(deal.id));
            result.putObject("to").put("id", Long.toString(contact));
        }
        if (failed.isEmpty()) {
            return FakeReply.json(200, answer.toString());
        }
        answer.putArray("errors")
                .addObject()
                .put("status", "error")
                .put("category", "VALIDATION_ERROR")
                .put("message", "No contact with the given id")
                .putObject("context")
                .set("ids", JSON.valueToTree(failed));
        return FakeReply.json(207, answer.toString());
    }

    /** A deal property the account lacks fails the whole batch, and so does a stage not in the pipeline. */
    private FakeReply invalidDealProperties(JsonNode inputs) {
        if (inputs.size() > 100) {
            return validation("at most 100 inputs");
        }
        for (JsonNode input : inputs) {
            for (var it = input.path("properties").fields(); it.hasNext(); ) {
                var property = it.next();
                if (!dealProperties.contains(property.getKey())) {
                    return validation("Property values were not valid: [{\"isValid\":false,\"message\":"
                            + "\"Property \\\"" + property.getKey() + "\\\" does not exist\",\"error\":"
                            + "\"PROPERTY_DOESNT_EXIST\",\"name\":\"" + property.getKey() + "\"}]");
                }
                if (property.getKey().equals("dealstage")
                        && !DEFAULT_STAGES.contains(property.getValue().asText())) {
                    return validation("Property values were not valid: [{\"isValid\":false,\"message\":\""
                            + property.getValue().asText() + " is not a valid pipeline stage\",\"error\":"
                            + "\"INVALID_OPTION\",\"name\":\"dealstage\"}]");
                }
            }
        }
        return null;
    }

    /** Sets a deal's properties as HubSpot does, deriving whether it is closed (and won) from its stage. */
    private void writeDeal(Deal deal, JsonNode input) {
        input.path("properties")
                .fields()
                .forEachRemaining(
                        e -> deal.properties.put(e.getKey(), e.getValue().asText()));
        String stage = deal.properties.getOrDefault("dealstage", "");
        deal.properties.put("hs_is_closed", Boolean.toString(stage.startsWith("closed")));
        deal.properties.put("hs_is_closed_won", Boolean.toString(stage.equals("closedwon")));
        deal.updatedAt = now;
    }

    private static ObjectNode dealJson(Deal deal) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", Long.toString(deal.id));
        ObjectNode properties = node.putObject("properties");
        deal.properties.forEach(properties::put);
        properties.put("hs_object_id", Long.toString(deal.id));
        node.put("updatedAt", ISO.format(Instant.ofEpochMilli(deal.updatedAt)));
        node.put("archived", false);
        return node;
    }

    /** {@code GET /crm/v3/objects/deals}: by id, {@code after} the id to start at, properties and contacts. */
    private FakeReply listDeals(RecordedRequest request) {
        int limit = Integer.parseInt(request.queryParameter("limit").orElse("10"));
        if (limit > 100) {
            return validation("limit must be at most 100");
        }
        long after = Long.parseLong(request.queryParameter("after").orElse("0"));
        Set<String> wanted = new LinkedHashSet<>();
        request.queryParameters("properties").forEach(p -> wanted.addAll(List.of(p.split(","))));
        boolean withContacts = request.queryParameters("associations").stream()
                .flatMap(a -> List.of(a.split(",")).stream())
                .anyMatch("contacts"::equals);
        List<Deal> listed =
                deals.values().stream().filter(deal -> deal.id >= after).toList();
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("results");
        for (Deal deal : listed.stream().limit(limit).toList()) {
            ObjectNode json = results.addObject();
            json.put("id", Long.toString(deal.id));
            ObjectNode properties = json.putObject("properties");
            deal.properties.forEach((name, value) -> {
                if (wanted.contains(name)) {
                    properties.put(name, value);
                }
            });
            properties.put("hs_object_id", Long.toString(deal.id));
            json.put("createdAt", ISO.format(Instant.ofEpochMilli(deal.updatedAt)));
            json.put("updatedAt", ISO.format(Instant.ofEpochMilli(deal.updatedAt)));
            json.put("archived", false);
            if (withContacts && !deal.contacts.isEmpty()) {
                ArrayNode associated =
                        json.putObject("associations").putObject("contacts").putArray("results");
                deal.contacts.forEach(contact ->
                        associated.addObject().put("id", Long.toString(contact)).put("type", "deal_to_contact"));
            }
        }
        if (listed.size() > limit) {
            answer.putObject("paging").putObject("next").put("after", Long.toString(listed.get(limit).id));
        }
        return FakeReply.json(200, answer.toString());
    }

    private FakeReply list(RecordedRequest request) {
        boolean archived =
                request.queryParameter("archived").map(Boolean::parseBoolean).orElse(false);
        int limit = Integer.parseInt(request.queryParameter("limit").orElse("10"));
        if (limit > 100) {
            return validation("limit must be at most 100");
        }
        long after = Long.parseLong(request.queryParameter("after").orElse("0"));
        List<Contact> listed = contacts.values().stream()
                .filter(contact -> (contact.archivedAt != null) == archived && contact.id >= after)
                .toList();
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("results");
        listed.stream()
                .limit(limit)
                .forEach(contact -> results.add(contactJson(contact, request.queryParameters("properties"))));
        if (listed.size() > limit) {
            answer.putObject("paging").putObject("next").put("after", Long.toString(listed.get(limit).id));
        }
        return FakeReply.json(200, answer.toString());
    }

    private FakeReply update(RecordedRequest request) {
        JsonNode inputs = json(request).path("inputs");
        if (inputs.size() > 100) {
            return validation("at most 100 inputs");
        }
        FakeReply invalid = invalidProperties(inputs);
        if (invalid != null) {
            return invalid;
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("results");
        List<String> missing = new ArrayList<>();
        for (JsonNode input : inputs) {
            Contact contact = contacts.get(Long.parseLong(input.path("id").asText()));
            if (contact == null || contact.archivedAt != null) {
                missing.add(input.path("id").asText());
                continue;
            }
            input.path("properties")
                    .fields()
                    .forEachRemaining(
                            e -> contact.properties.put(e.getKey(), e.getValue().asText()));
            contact.modifiedAt = now;
            results.add(contactJson(contact, List.copyOf(contact.properties.keySet())));
        }
        return batchAnswer(answer, missing);
    }

    private FakeReply upsert(RecordedRequest request) {
        JsonNode inputs = json(request).path("inputs");
        if (inputs.size() > 100) {
            return validation("at most 100 inputs");
        }
        FakeReply invalid = invalidProperties(inputs);
        if (invalid != null) {
            return invalid;
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("results");
        for (JsonNode input : inputs) {
            String email = input.path("id").asText().toLowerCase(Locale.ROOT);
            Contact contact = contacts.values().stream()
                    .filter(c -> c.archivedAt == null && email.equals(c.properties.get("email")))
                    .findFirst()
                    .orElse(null);
            boolean created = contact == null;
            if (created) {
                contact = contact(nextId++, now, "email", email);
            }
            Contact target = contact;
            input.path("properties")
                    .fields()
                    .forEachRemaining(
                            e -> target.properties.put(e.getKey(), e.getValue().asText()));
            contact.modifiedAt = now;
            results.add(contactJson(contact, List.copyOf(contact.properties.keySet()))
                    .put("new", created));
        }
        return batchAnswer(answer, List.of());
    }

    /** A property HubSpot does not have, or a value outside a dropdown's options, fails the whole batch. */
    private static FakeReply invalidProperties(JsonNode inputs) {
        for (JsonNode input : inputs) {
            for (var it = input.path("properties").fields(); it.hasNext(); ) {
                var property = it.next();
                if (!KNOWN_PROPERTIES.contains(property.getKey())) {
                    return validation("Property values were not valid: [{\\\"isValid\\\":false,\\\"message\\\":"
                            + "\\\"Property \\\\\\\"" + property.getKey() + "\\\\\\\" does not exist\\\",\\\"error\\\":"
                            + "\\\"PROPERTY_DOESNT_EXIST\\\",\\\"name\\\":\\\"" + property.getKey() + "\\\"}]");
                }
                if (property.getKey().equals("hearth_temperature")
                        && !TEMPERATURES.contains(property.getValue().asText())) {
                    return validation("Property values were not valid: [{\\\"isValid\\\":false,\\\"message\\\":\\\""
                            + property.getValue().asText() + " was not one of the allowed options\\\",\\\"error\\\":"
                            + "\\\"INVALID_OPTION\\\",\\\"name\\\":\\\"hearth_temperature\\\"}]");
                }
            }
        }
        return null;
    }

    private FakeReply associations(String type, RecordedRequest request) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("results");
        List<String> without = new ArrayList<>();
        for (JsonNode input : json(request).path("inputs")) {
            long contact = Long.parseLong(input.path("id").asText());
            List<Activity> linked = activities.values().stream()
                    .filter(a -> a.type.equals(type) && a.contacts.contains(contact))
                    .toList();
            if (linked.isEmpty()) {
                without.add(Long.toString(contact));
                continue;
            }
            ObjectNode result = results.addObject();
            result.putObject("from").put("id", Long.toString(contact));
            ArrayNode to = result.putArray("to");
            linked.forEach(a -> to.addObject()
                    .put("toObjectId", a.id)
                    .putArray("associationTypes")
                    .addObject()
                    .put("category", "HUBSPOT_DEFINED")
                    .put("typeId", a.associationType)
                    .putNull("label"));
        }
        if (without.isEmpty()) {
            return FakeReply.json(200, answer.toString());
        }
        // HubSpot reports the inputs without associations as errors of a multi-status answer
        answer.putArray("errors")
                .addObject()
                .put("status", "error")
                .put("category", "OBJECT_NOT_FOUND")
                .put("message", "No contacts to " + type + " associations found")
                .putObject("context")
                .set("fromObjectId", JSON.valueToTree(without));
        return FakeReply.json(207, answer.toString());
    }

    private FakeReply readActivities(String type, RecordedRequest request) {
        JsonNode body = json(request);
        if (body.path("inputs").size() > 100) {
            return validation("at most 100 inputs");
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("results");
        for (JsonNode input : body.path("inputs")) {
            Activity activity = activities.get(Long.parseLong(input.path("id").asText()));
            if (activity != null && activity.type.equals(type)) {
                ObjectNode result = results.addObject().put("id", Long.toString(activity.id));
                ObjectNode properties = result.putObject("properties");
                body.path("properties").forEach(p -> properties.put(p.asText(), activity.properties.get(p.asText())));
            }
        }
        return FakeReply.json(200, answer.toString());
    }

    private FakeReply createActivities(String type, RecordedRequest request) {
        JsonNode inputs = json(request).path("inputs");
        if (inputs.size() > 100) {
            return validation("at most 100 inputs");
        }
        for (JsonNode input : inputs) {
            for (JsonNode association : input.path("associations")) {
                long contact = Long.parseLong(association.path("to").path("id").asText());
                int typeId = association
                        .path("types")
                        .path(0)
                        .path("associationTypeId")
                        .asInt();
                if (!contacts.containsKey(contact) || typeId != CONTACT_ASSOCIATIONS.get(type)) {
                    return validation("Could not associate to contact " + contact + " with type " + typeId);
                }
            }
        }
        ObjectNode answer = JSON.createObjectNode().put("status", "COMPLETE");
        ArrayNode results = answer.putArray("results");
        List<ObjectNode> created = new ArrayList<>();
        for (JsonNode input : inputs) {
            Activity activity = new Activity(nextId++, type, CONTACT_ASSOCIATIONS.get(type));
            input.path("properties")
                    .fields()
                    .forEachRemaining(e ->
                            activity.properties.put(e.getKey(), e.getValue().asText()));
            input.path("associations")
                    .forEach(a -> activity.contacts.add(
                            Long.parseLong(a.path("to").path("id").asText())));
            activities.put(activity.id, activity);
            ObjectNode result = JSON.createObjectNode().put("id", Long.toString(activity.id));
            ObjectNode properties = result.putObject("properties");
            activity.properties.forEach(properties::put);
            result.put("createdAt", ISO.format(Instant.ofEpochMilli(now))).put("archived", false);
            created.add(result);
        }
        // HubSpot does not promise the inputs' order in its results
        for (int i = created.size() - 1; i >= 0; i--) {
            results.add(created.get(i));
        }
        if (dropNextCreateReply) {
            dropNextCreateReply = false;
            return FakeReply.drop();
        }
        return FakeReply.json(201, answer.toString());
    }

    private static FakeReply batchAnswer(ObjectNode answer, List<String> missing) {
        answer.put("status", "COMPLETE");
        if (missing.isEmpty()) {
            return FakeReply.json(200, answer.toString());
        }
        answer.put("numErrors", 1);
        answer.putArray("errors")
                .addObject()
                .put("status", "error")
                .put("category", "OBJECT_NOT_FOUND")
                .put(
                        "message",
                        "Could not get some CONTACT objects, they may be deleted or not exist. Check that ids "
                                + "are valid.")
                .putObject("context")
                .set("ids", JSON.valueToTree(missing));
        return FakeReply.json(207, answer.toString());
    }

    private static FakeReply validation(String message) {
        return FakeReply.json(
                400,
                "{\"status\":\"error\",\"message\":\"" + message + "\",\"correlationId\":"
                        + "\"b1a2\",\"category\":\"VALIDATION_ERROR\"}");
    }

    static JsonNode json(RecordedRequest request) {
        try {
            return JSON.readTree(request.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String iso(long millis) {
        return ISO.format(Instant.ofEpochMilli(millis));
    }
}
