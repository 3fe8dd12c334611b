package io.hearth.connector.salesforce;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.connector.crm.http.Credentials;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.CrmRequest;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.crm.http.Query;
import io.hearth.connector.spi.FatalConnectorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The REST calls this connector makes, on one org, after logging in: SOQL queries and their pages, and
 * sObject Collections (up to {@link #MAX_COLLECTION} records per call, each with its own result).
 */
final class SalesforceApi {
    /** sObject Collections take at most 200 records per call. */
    static final int MAX_COLLECTION = 200;
    /** A lookup (by email, by touch id) reads at most this many pages; it asks for a few hundred records. */
    static final int MAX_LOOKUP_PAGES = 10;

    static final String USER_AGENT = "Hearth (salesforce connector)";

    private final CrmHttp http;
    private final String dataPath;

    SalesforceApi(CrmHttp http, String apiVersion) {
        this.http = requireNonNull(http, "http is null");
        this.dataPath = "/services/data/" + requireNonNull(apiVersion, "apiVersion is null");
    }

    /** Logs in (the first token) and opens the API at base_url or the org's instance_url. */
    static SalesforceApi open(SalesforceConfig config, Tuning tuning) {
        return withLogin(config, login(config, tuning), tuning);
    }

    /** The login alone, which asks for no token until used. */
    static SalesforceLogin login(SalesforceConfig config, Tuning tuning) {
        return new SalesforceLogin(config, http(config.loginUrl(), Credentials.NONE, Map.of(), tuning));
    }

    /** Opens the API with a login; asks for the first token when it has none yet. */
    static SalesforceApi withLogin(SalesforceConfig config, SalesforceLogin login, Tuning tuning) {
        String base =
                config.baseUrl() != null ? config.baseUrl() : login.token().instanceUrl();
        return new SalesforceApi(http(base, login, fieldHints(config), tuning), config.apiVersion());
    }

    /** What to do when Salesforce lacks a field the config names. */
    private static Map<String, String> fieldHints(SalesforceConfig config) {
        Map<String, String> hints = new LinkedHashMap<>();
        hints.put(
                config.touchIdField(),
                "Touches need it: create a custom Text(80) field on Activity named "
                        + config.touchIdField()
                        + ", tick Unique and External ID, and let the integration user see and edit "
                        + "it; or set touch_id_field to the field you have");
        if (config.contactRatingField() != null) {
            hints.put(
                    config.contactRatingField(),
                    "contact_rating_field names it: create that Contact field, or " + "clear contact_rating_field");
        }
        return hints;
    }

    private static CrmHttp http(String base, Credentials credentials, Map<String, String> fieldHints, Tuning tuning) {
        return CrmHttp.builder("Salesforce", base)
                .credentials(credentials)
                .errorDialect(new SalesforceErrors(fieldHints))
                .retryPolicy(tuning.retryPolicy())
                .sleeper(tuning.sleeper())
                .clock(tuning.clock())
                .requestTimeout(tuning.requestTimeout())
                .userAgent(USER_AGENT)
                .build();
    }

    /**
     * The first page of a query that also returns deleted and merged records (QueryAll), in pages of
     * {@code pageSize} (Salesforce may send fewer).
     */
    JsonReply queryAll(String soql, int pageSize) {
        return http.json(CrmRequest.get(dataPath + "/queryAll")
                .withQuery(Query.of("q", soql))
                .withHeader("Sforce-Query-Options", "batchSize=" + pageSize));
    }

    /** The page a previous page's {@code nextRecordsUrl} names, e.g. /services/data/v64.0/query/01g...-2000. */
    JsonReply nextPage(String nextRecordsUrl) {
        if (!nextRecordsUrl.startsWith(dataPath + "/")) {
            throw new FatalConnectorException("Salesforce answered a nextRecordsUrl outside " + dataPath
                    + "; the run stops without moving its cursor");
        }
        return http.get(nextRecordsUrl);
    }

    /** Every live record a small query finds, following its pages up to {@link #MAX_LOOKUP_PAGES}. */
    List<JsonNode> lookup(String soql) {
        return everything(http.get(dataPath + "/query", Query.of("q", soql)));
    }

    /** Every record a small query finds, deleted and archived ones too (QueryAll), up to the same bound. */
    List<JsonNode> lookupAll(String soql) {
        return everything(http.get(dataPath + "/queryAll", Query.of("q", soql)));
    }

    /** Every record of a first page and the pages after it, up to {@link #MAX_LOOKUP_PAGES}. */
    private List<JsonNode> everything(JsonReply first) {
        List<JsonNode> records = new ArrayList<>();
        JsonReply page = first;
        for (int pages = 1; ; pages++) {
            records.addAll(page.requireArray("records"));
            if (page.require("done").asBoolean()) {
                return records;
            }
            if (pages >= MAX_LOOKUP_PAGES) {
                throw new FatalConnectorException("Salesforce answered a lookup with more than " + MAX_LOOKUP_PAGES
                        + " pages, far more records than it asked for; the run stops");
            }
            page = nextPage(page.requireText(page.body(), "nextRecordsUrl"));
        }
    }

    /** Updates records by id, each on its own ({@code allOrNone=false}): one result per record, in order. */
    List<JsonNode> update(List<ObjectNode> records) {
        // an update by id sets the same values again when resent: safe to repeat
        return results(http.patch(dataPath + "/composite/sobjects", collection(records)), records.size());
    }

    /**
     * Creates records, each on its own: one result per record, in order. Never sent twice once it may have
     * arrived: a lost answer fails the run, and the next run finds what this one created before creating.
     */
    List<JsonNode> create(List<ObjectNode> records) {
        return results(http.postOnce(dataPath + "/composite/sobjects", collection(records)), records.size());
    }

    private static ObjectNode collection(List<ObjectNode> records) {
        if (records.isEmpty() || records.size() > MAX_COLLECTION) {
            throw new IllegalArgumentException(
                    "sObject Collections take 1 to " + MAX_COLLECTION + " records, got " + records.size());
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("allOrNone", false);
        body.putArray("records").addAll(records);
        return body;
    }

    private static List<JsonNode> results(JsonReply reply, int expected) {
        JsonNode body = reply.body();
        if (!body.isArray() || body.size() != expected) {
            throw new FatalConnectorException(
                    "Salesforce answered " + (body.isArray() ? body.size() + " results" : "no list of results")
                            + " for " + expected + " records written; the run stops");
        }
        List<JsonNode> results = new ArrayList<>(expected);
        body.forEach(results::add);
        return results;
    }
}
