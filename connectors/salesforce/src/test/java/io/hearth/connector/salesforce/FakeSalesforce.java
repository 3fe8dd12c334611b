package io.hearth.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.connector.crm.http.fake.FakeCrmServer;
import io.hearth.connector.crm.http.fake.FakeReply;
import io.hearth.connector.crm.http.fake.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Salesforce org faked on 127.0.0.1, answering as the REST API documents: the OAuth token endpoint,
 * Query and QueryAll with {@code nextRecordsUrl} pages and {@code Sforce-Query-Options: batchSize},
 * sObject Collections with per-record results, {@code Sforce-Limit-Info} on every answer. It keeps
 * Leads, Contacts and Tasks, understands the SOQL this connector sends (and answers 400 MALFORMED_QUERY
 * to any other), and refuses stale tokens with 401 INVALID_SESSION_ID.
 */
final class FakeSalesforce implements AutoCloseable {
    static final String VERSION = "v64.0";
    static final String DATA = "/services/data/" + VERSION;
    static final String TOKEN_PATH = "/services/oauth2/token";
    static final String TOUCH_FIELD = "Hearth_Touch_Id__c";
    static final String LIMIT_INFO = "api-usage=1042/15000";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter SALESFORCE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);
    private static final Set<String> PERSON_FIELDS = Set.of(
            "Id",
            "SystemModstamp",
            "LastModifiedDate",
            "CreatedDate",
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
    private static final Pattern SELECT =
            Pattern.compile("SELECT (.+?) FROM (\\w+)(?: WHERE (.+?))?(?: ORDER BY (.+?))?(?: LIMIT (\\d+))?");

    final FakeCrmServer crm = FakeCrmServer.start();
    private final Map<String, Map<String, ObjectNode>> objects = new HashMap<>();
    private final Map<String, Set<String>> schema = new HashMap<>();
    private final Map<String, Deque<FakeReply>> faults = new HashMap<>();
    private final Map<String, String> refusals = new HashMap<>();
    private final List<Map<String, String>> tokenRequests = new ArrayList<>();
    private Instant now = Instant.parse("2026-12-01T09:00:00Z");
    private int sequence;
    private int locators;
    private String token;
    private String scopes = "api refresh_token";
    private FakeReply loginRefusal;
    private boolean dropAnswerAfterCreate;

    FakeSalesforce() {
        Set<String> lead = new LinkedHashSet<>(PERSON_FIELDS);
        lead.addAll(List.of("Company", "Status", "Rating", "IsConverted", "ConvertedContactId"));
        Set<String> contact = new LinkedHashSet<>(PERSON_FIELDS);
        contact.addAll(List.of("Account.Name"));
        schema.put("Lead", lead);
        schema.put("Contact", contact);
        schema.put(
                "Task",
                new LinkedHashSet<>(List.of(
                        "Id",
                        "CreatedDate",
                        "SystemModstamp",
                        "IsDeleted",
                        "WhoId",
                        "Subject",
                        "Status",
                        "ActivityDate",
                        "TaskSubtype",
                        "CallDisposition",
                        "Description",
                        TOUCH_FIELD)));
        // an org with one currency: Opportunities have no CurrencyIsoCode
        schema.put("Opportunity", new LinkedHashSet<>(OpportunityReader.FIELDS));
        schema.put(
                "OpportunityContactRole",
                new LinkedHashSet<>(
                        List.of("Id", "OpportunityId", "ContactId", "IsPrimary", "SystemModstamp", "IsDeleted")));
        schema.put("User", new LinkedHashSet<>(List.of("Id", "Email", "IsActive", "SystemModstamp", "IsDeleted")));
        for (String object : schema.keySet()) {
            objects.put(object, new LinkedHashMap<>());
        }
        crm.on("POST", TOKEN_PATH, this::token);
        crm.on("GET", DATA + "/query", request -> api(request, "query", () -> query(request, false)));
        crm.on("GET", DATA + "/queryAll", request -> api(request, "queryAll", () -> query(request, true)));
        crm.on("PATCH", DATA + "/composite/sobjects", request -> api(request, "update", () -> update(request)));
        crm.on("POST", DATA + "/composite/sobjects", request -> api(request, "create", () -> create(request)));
    }

    String baseUrl() {
        return crm.baseUrl();
    }

    /** Config for a client credentials connection to this fake. */
    Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("login_url", baseUrl());
        config.put("client_id", "3MVG9fake.consumer.key");
        config.put("client_secret", "fake-consumer-secret-1234");
        config.put("api_version", VERSION);
        return config;
    }

    // ---- the org's data --------------------------------------------------------------------------------

    /** Changes from now on are stamped at {@code time}. */
    synchronized FakeSalesforce at(String time) {
        now = Instant.parse(time);
        return this;
    }

    synchronized String lead(String... fieldsAndValues) {
        return insert("Lead", "00Q", fieldsAndValues);
    }

    synchronized String contact(String... fieldsAndValues) {
        return insert("Contact", "003", fieldsAndValues);
    }

    synchronized String opportunity(String... fieldsAndValues) {
        return insert("Opportunity", "006", fieldsAndValues);
    }

    /** An active user, as {@code SELECT Id, Email FROM User} finds one. */
    synchronized String user(String email) {
        return insert("User", "005", "Email", email, "IsActive", "true");
    }

    /** Opportunities get CurrencyIsoCode, as in an org with multiple currencies. */
    synchronized void multiCurrency() {
        schema.get("Opportunity").add("CurrencyIsoCode");
    }

    /** Opportunities get a unique External ID text field of this name. */
    synchronized void opportunityField(String name) {
        schema.get("Opportunity").add(name);
    }

    synchronized List<ObjectNode> opportunities() {
        return List.copyOf(objects.get("Opportunity").values());
    }

    synchronized List<ObjectNode> contactRoles() {
        return List.copyOf(objects.get("OpportunityContactRole").values());
    }

    /** The next creates of an Opportunity with this Name fail with this error, as a validation rule would. */
    synchronized void refuseNew(String name, String statusCode, String message) {
        refusals.put("Name:" + name, statusCode + "|" + message);
    }

    synchronized String contactRole(String opportunityId, String contactId, boolean primary) {
        return insert(
                "OpportunityContactRole",
                "00K",
                "OpportunityId",
                opportunityId,
                "ContactId",
                contactId,
                "IsPrimary",
                Boolean.toString(primary));
    }

    synchronized ObjectNode record(String id) {
        return objects.values().stream()
                .map(records -> records.get(id))
                .filter(r -> r != null)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no record " + id));
    }

    synchronized void change(String id, String... fieldsAndValues) {
        ObjectNode record = record(id);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            record.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        stamp(record);
    }

    synchronized void delete(String id) {
        ObjectNode record = record(id);
        record.put("IsDeleted", true);
        stamp(record);
    }

    /** A merge deletes the losers and names the survivor in their MasterRecordId. */
    synchronized void merge(String loser, String survivor) {
        ObjectNode record = record(loser);
        record.put("IsDeleted", true).put("MasterRecordId", survivor);
        stamp(record);
    }

    /** Converting a Lead makes a Contact and marks the Lead converted. */
    synchronized String convert(String leadId) {
        ObjectNode lead = record(leadId);
        String contactId = contact(
                "FirstName",
                lead.path("FirstName").asText(),
                "LastName",
                lead.path("LastName").asText(),
                "Email",
                lead.path("Email").asText());
        lead.put("IsConverted", true).put("ConvertedContactId", contactId).put("Status", "Closed - Converted");
        stamp(lead);
        return contactId;
    }

    synchronized List<ObjectNode> tasks() {
        return List.copyOf(objects.get("Task").values());
    }

    synchronized void withoutTouchField() {
        schema.get("Task").remove(TOUCH_FIELD);
    }

    /** The next writes of this record fail with this error, as a validation rule would. */
    synchronized void refuse(String id, String statusCode, String message) {
        refusals.put(id, statusCode + "|" + message);
    }

    // ---- faults ----------------------------------------------------------------------------------------

    /** The next calls of a kind (token, query, queryAll, nextPage, update, create) get these answers first. */
    synchronized void interrupt(String kind, FakeReply... replies) {
        faults.computeIfAbsent(kind, k -> new ArrayDeque<>()).addAll(List.of(replies));
    }

    /** The current access token stops working, as when its session times out. */
    synchronized void expireToken() {
        token = "expired";
    }

    synchronized void grantScopes(String granted) {
        scopes = granted;
    }

    synchronized void refuseLogin(FakeReply reply) {
        loginRefusal = reply;
    }

    /** The next create happens, but its answer is lost on the way back. */
    synchronized void dropAnswerAfterCreate() {
        dropAnswerAfterCreate = true;
    }

    synchronized List<Map<String, String>> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    List<String> soql(String kind) {
        return crm.requests("GET", DATA + "/" + kind).stream()
                .map(r -> r.queryParameter("q").orElseThrow())
                .toList();
    }

    @Override
    public void close() {
        crm.close();
    }

    // ---- the API ---------------------------------------------------------------------------------------

    private synchronized FakeReply token(RecordedRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : request.bodyText().split("&")) {
            int equals = pair.indexOf('=');
            form.put(
                    URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        tokenRequests.add(form);
        Deque<FakeReply> queued = faults.get("token");
        if (queued != null && !queued.isEmpty()) {
            return queued.poll();
        }
        if (loginRefusal != null) {
            return loginRefusal;
        }
        token = "00Dfake!token-" + tokenRequests.size();
        ObjectNode answer = JSON.createObjectNode()
                .put("access_token", token)
                .put("signature", "c2lnbmF0dXJl")
                .put("scope", scopes)
                .put("instance_url", baseUrl())
                .put("id", baseUrl() + "/id/00Dfake0000000001/005fake0000000001")
                .put("token_type", "Bearer")
                .put("issued_at", "1764579600000");
        return FakeReply.json(200, answer.toString());
    }

    private interface Answer {
        FakeReply get();
    }

    private synchronized FakeReply api(RecordedRequest request, String kind, Answer answer) {
        if (!("Bearer " + token).equals(request.header("Authorization").orElse(""))) {
            return error(401, "INVALID_SESSION_ID", "Session expired or invalid");
        }
        Deque<FakeReply> queued = faults.get(kind);
        if (queued != null && !queued.isEmpty()) {
            return queued.poll();
        }
        return answer.get().withHeader("Sforce-Limit-Info", LIMIT_INFO);
    }

    private FakeReply query(RecordedRequest request, boolean all) {
        String soql = request.queryParameter("q").orElse("");
        Matcher select = SELECT.matcher(soql);
        if (!select.matches() || !schema.containsKey(select.group(2))) {
            return error(400, "MALFORMED_QUERY", "the fake does not understand: " + soql);
        }
        String object = select.group(2);
        List<String> fields = List.of(select.group(1).split(", "));
        for (String field : fields) {
            if (!schema.get(object).contains(field)) {
                return error(
                        400,
                        "INVALID_FIELD",
                        "\nSELECT " + field + "\n ^\nERROR at Row:1:Column:8\nNo such " + "column '" + field
                                + "' on entity '" + object + "'.");
            }
        }
        Predicate<ObjectNode> where = record -> all || !record.path("IsDeleted").asBoolean(false);
        Optional<Predicate<ObjectNode>> condition = condition(select.group(3) == null ? "" : select.group(3));
        if (condition.isEmpty()) {
            return error(400, "MALFORMED_QUERY", "the fake does not understand the condition of: " + soql);
        }
        List<ObjectNode> found = new ArrayList<>(objects.get(object).values().stream()
                .filter(where.and(condition.get()))
                .toList());
        found.sort(Comparator.comparing((ObjectNode r) ->
                        Instant.parse(iso(r.path("SystemModstamp").asText())))
                .thenComparing(r -> r.path("Id").asText()));
        if (select.group(5) != null) {
            found = found.subList(0, Math.min(found.size(), Integer.parseInt(select.group(5))));
        }
        int batchSize = request.header("Sforce-Query-Options")
                .map(o -> Integer.parseInt(o.replace("batchSize=", "")))
                .orElse(2000);
        List<ObjectNode> projected =
                found.stream().map(r -> project(object, r, fields)).toList();
        return page(projected, 0, batchSize);
    }

    /** One page of results, registering the route of the next one as Salesforce's query locators do. */
    private FakeReply page(List<ObjectNode> records, int from, int batchSize) {
        int to = Math.min(records.size(), from + batchSize);
        ObjectNode page =
                JSON.createObjectNode().put("totalSize", records.size()).put("done", to == records.size());
        if (to < records.size()) {
            String next = DATA + "/query/01gFAKE" + (++locators) + "-" + to;
            page.put("nextRecordsUrl", next);
            crm.on("GET", next, request -> api(request, "nextPage", () -> page(records, to, batchSize)));
        }
        ArrayNode array = page.putArray("records");
        records.subList(from, to).forEach(array::add);
        return FakeReply.json(200, page.toString());
    }

    private Optional<Predicate<ObjectNode>> condition(String where) {
        Predicate<ObjectNode> predicate = record -> true;
        String rest = where;
        Matcher until = Pattern.compile("SystemModstamp <= (\\S+)").matcher(rest);
        if (until.find()) {
            Instant bound = Instant.parse(until.group(1));
            predicate = predicate.and(r -> !modstamp(r).isAfter(bound));
            rest = rest.replace(until.group(), "");
        }
        Matcher after = Pattern.compile(
                        "\\(SystemModstamp > (\\S+) OR \\(SystemModstamp = (\\S+) AND Id > '(\\w+)'\\)\\)")
                .matcher(rest);
        if (after.find()) {
            Instant time = Instant.parse(after.group(1));
            String id = after.group(3);
            predicate = predicate.and(r -> modstamp(r).isAfter(time)
                    || modstamp(r).equals(time) && r.path("Id").asText().compareTo(id) > 0);
            rest = rest.replace(after.group(), "");
        }
        if (rest.contains("IsActive = true")) {
            predicate = predicate.and(r -> r.path("IsActive").asBoolean(false));
            rest = rest.replace("IsActive = true", "");
        }
        if (rest.contains("IsConverted = false")) {
            predicate = predicate.and(r -> !r.path("IsConverted").asBoolean(false));
            rest = rest.replace("IsConverted = false", "");
        }
        Matcher in = Pattern.compile("(\\w+) IN \\(((?:'(?:[^'\\\\]|\\\\.)*'(?:, )?)+)\\)")
                .matcher(rest);
        if (in.find()) {
            String field = in.group(1);
            Set<String> values = new LinkedHashSet<>();
            Matcher literal = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'").matcher(in.group(2));
            while (literal.find()) {
                values.add(literal.group(1).replaceAll("\\\\(.)", "$1").toLowerCase(Locale.ROOT));
            }
            predicate =
                    predicate.and(r -> values.contains(r.path(field).asText("").toLowerCase(Locale.ROOT)));
            rest = rest.replace(in.group(), "");
        }
        return rest.replace("AND", "").isBlank() ? Optional.of(predicate) : Optional.empty();
    }

    private FakeReply update(RecordedRequest request) {
        List<JsonNode> records;
        try {
            records = records(request);
        } catch (IllegalStateException e) {
            return error(400, "FAKE_REFUSED", e.getMessage());
        }
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode record : records) {
            String id = record.path("Id").asText();
            ObjectNode stored = objects.values().stream()
                    .map(r -> r.get(id))
                    .filter(r -> r != null)
                    .findFirst()
                    .orElse(null);
            if (stored == null || stored.path("IsDeleted").asBoolean(false)) {
                results.add(failure(id, "ENTITY_IS_DELETED", "entity is deleted", List.of()));
            } else if (refusals.containsKey(id)) {
                String[] refusal = refusals.get(id).split("\\|", 2);
                results.add(failure(id, refusal[0], refusal[1], List.of()));
            } else {
                record.fields().forEachRemaining(field -> {
                    if (!field.getKey().equals("attributes")) {
                        stored.set(field.getKey(), field.getValue());
                    }
                });
                closedByStage(stored);
                stamp(stored);
                results.add(JSON.createObjectNode()
                        .put("id", id)
                        .put("success", true)
                        .set("errors", JSON.createArrayNode()));
            }
        }
        return FakeReply.json(200, results.toString());
    }

    private FakeReply create(RecordedRequest request) {
        List<JsonNode> records;
        try {
            records = records(request);
        } catch (IllegalStateException e) {
            return error(400, "FAKE_REFUSED", e.getMessage());
        }
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode record : records) {
            String type = record.path("attributes").path("type").asText();
            for (var names = record.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("attributes") && !schema.get(type).contains(name)) {
                    return error(400, "INVALID_FIELD", "No such column '" + name + "' on sobject of type " + type);
                }
            }
            if (type.equals("Task")) {
                String whoId = record.path("WhoId").asText();
                boolean live = objects.get("Lead").containsKey(whoId)
                        || objects.get("Contact").containsKey(whoId);
                if (!live || record(whoId).path("IsDeleted").asBoolean(false)) {
                    results.add(failure(
                            null, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of("WhoId")));
                    continue;
                }
                String touchId = record.path(TOUCH_FIELD).asText();
                Optional<ObjectNode> taken = objects.get("Task").values().stream()
                        .filter(t -> t.path(TOUCH_FIELD).asText().equals(touchId))
                        .findFirst();
                if (taken.isPresent()) {
                    results.add(failure(
                            null,
                            "DUPLICATE_VALUE",
                            "duplicate value found: " + TOUCH_FIELD + " duplicates value on record with id: "
                                    + taken.get().path("Id").asText(),
                            List.of(TOUCH_FIELD)));
                    continue;
                }
            }
            ObjectNode refused = type.equals("Opportunity") ? opportunityRefusal(record) : null;
            if (type.equals("OpportunityContactRole")) {
                String contactId = record.path("ContactId").asText();
                if (!objects.get("Contact").containsKey(contactId)
                        || record(contactId).path("IsDeleted").asBoolean(false)) {
                    refused = failure(
                            null, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of("ContactId"));
                }
            }
            if (refused != null) {
                results.add(refused);
                continue;
            }
            if (type.equals("Lead") && record.path("Company").asText("").isEmpty()) {
                results.add(failure(
                        null, "REQUIRED_FIELD_MISSING", "Required fields are missing: [Company]", List.of("Company")));
                continue;
            }
            List<String> values = new ArrayList<>();
            record.fields().forEachRemaining(field -> {
                if (!field.getKey().equals("attributes")) {
                    values.add(field.getKey());
                    values.add(field.getValue().asText());
                }
            });
            String prefix = switch (type) {
                case "Task" -> "00T";
                case "Opportunity" -> "006";
                case "OpportunityContactRole" -> "00K";
                default -> "00Q";
            };
            String id = insert(type, prefix, values.toArray(String[]::new));
            if (type.equals("Opportunity")) {
                closedByStage(record(id));
            }
            results.add(
                    JSON.createObjectNode().put("id", id).put("success", true).set("errors", JSON.createArrayNode()));
        }
        if (dropAnswerAfterCreate) {
            dropAnswerAfterCreate = false;
            return FakeReply.drop();
        }
        return FakeReply.json(200, results.toString());
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /** Salesforce's checks of a new Opportunity: its required fields, a unique Hearth id, validation rules. */
    private ObjectNode opportunityRefusal(JsonNode record) {
        List<String> missing = List.of("Name", "StageName", "CloseDate").stream()
                .filter(field -> record.path(field).asText("").isEmpty())
                .toList();
        if (!missing.isEmpty()) {
            return failure(null, "REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing, missing);
        }
        for (String field : schema.get("Opportunity")) {
            if (field.endsWith("__c") && record.hasNonNull(field)) {
                Optional<ObjectNode> taken = objects.get("Opportunity").values().stream()
                        .filter(o ->
                                o.path(field).asText().equals(record.path(field).asText()))
                        .findFirst();
                if (taken.isPresent()) {
                    return failure(
                            null,
                            "DUPLICATE_VALUE",
                            "duplicate value found: " + field + " duplicates value on record with id: "
                                    + taken.get().path("Id").asText(),
                            List.of(field));
                }
            }
        }
        String refusal = refusals.get("Name:" + record.path("Name").asText());
        if (refusal != null) {
            String[] parts = refusal.split("\\|", 2);
            return failure(null, parts[0], parts[1], List.of());
        }
        return null;
    }

    /** IsClosed and IsWon follow StageName, as the default stage picklist's metadata says. */
    private static void closedByStage(ObjectNode opportunity) {
        if (!opportunity.has("StageName")) {
            return;
        }
        String stage = opportunity.path("StageName").asText("");
        opportunity.put("IsClosed", stage.equals("Closed Won") || stage.equals("Closed Lost"));
        opportunity.put("IsWon", stage.equals("Closed Won"));
    }

    private String insert(String object, String prefix, String... fieldsAndValues) {
        String id = String.format("%s%012dAAA", prefix, ++sequence);
        ObjectNode record = JSON.createObjectNode()
                .put("Id", id)
                .put("IsDeleted", false)
                .put("CreatedDate", SALESFORCE_TIME.format(now));
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            record.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        stamp(record);
        objects.get(object).put(id, record);
        return id;
    }

    private void stamp(ObjectNode record) {
        record.put("SystemModstamp", SALESFORCE_TIME.format(now)).put("LastModifiedDate", SALESFORCE_TIME.format(now));
    }

    private static Instant modstamp(ObjectNode record) {
        return Instant.parse(iso(record.path("SystemModstamp").asText()));
    }

    private static String iso(String salesforceTime) {
        return salesforceTime.replaceFirst("\\.(\\d{3})\\+0000$", ".$1Z");
    }

    private ObjectNode project(String object, ObjectNode record, List<String> fields) {
        ObjectNode result = JSON.createObjectNode();
        result.putObject("attributes")
                .put("type", object)
                .put(
                        "url",
                        DATA + "/sobjects/" + object + "/" + record.path("Id").asText());
        for (String field : fields) {
            JsonNode value = record.has(field) ? record.get(field) : JSON.nullNode();
            int dot = field.indexOf('.');
            if (dot < 0) {
                result.set(field, value);
            } else if (!value.isNull()) {
                String parent = field.substring(0, dot);
                ObjectNode related = result.has(parent) ? (ObjectNode) result.get(parent) : result.putObject(parent);
                related.putObject("attributes").put("type", parent.equals("Owner") ? "User" : parent);
                related.set(field.substring(dot + 1), value);
            } else if (!result.has(field.substring(0, dot))) {
                result.putNull(field.substring(0, dot));
            }
        }
        return result;
    }

    private static List<JsonNode> records(RecordedRequest request) {
        try {
            JsonNode body = JSON.readTree(request.body());
            if (body.path("allOrNone").asBoolean(true)) {
                throw new IllegalStateException("the connector must send allOrNone=false");
            }
            List<JsonNode> records = new ArrayList<>();
            body.path("records").forEach(records::add);
            if (records.size() > 200) {
                throw new IllegalStateException("sObject Collections take at most 200 records, got " + records.size());
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode failure(String id, String code, String message, List<String> fields) {
        ObjectNode result = JSON.createObjectNode();
        if (id != null) {
            result.put("id", id);
        }
        result.put("success", false);
        ObjectNode error =
                result.putArray("errors").addObject().put("statusCode", code).put("message", message);
        fields.forEach(error.putArray("fields")::add);
        return result;
    }

    static FakeReply error(int status, String code, String message) {
        ArrayNode body = JSON.createArrayNode();
        body.addObject().put("message", message).put("errorCode", code);
        return FakeReply.json(status, body.toString());
    }
}
