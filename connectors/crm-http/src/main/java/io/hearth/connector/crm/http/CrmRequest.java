package io.hearth.connector.crm.http;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One request to a CRM, relative to {@link CrmHttp}'s base URL. Immutable; the {@code with...} methods
 * return a changed copy.
 *
 * <p>The path is the part after the base URL, starting with "/" (e.g. {@code /crm/v3/objects/contacts},
 * or a Salesforce {@code nextRecordsUrl}). An absolute URL is refused: the request would take the
 * credentials to whichever host it names.
 */
public final class CrmRequest {
    // the JDK sets these itself or refuses them; a credential header goes through Credentials
    private static final Set<String> RESERVED_HEADERS =
            Set.of("authorization", "content-length", "host", "connection", "upgrade", "expect");
    private static final Pattern PATH = Pattern.compile("/(?!/)[^\\s#]*");

    private final String method;
    private final String path;
    private final Query query;
    private final byte[] body;
    private final String contentType;
    private final boolean repeatable;
    private final Map<String, String> headers;

    private CrmRequest(
            String method,
            String path,
            Query query,
            byte[] body,
            String contentType,
            boolean repeatable,
            Map<String, String> headers) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.body = body;
        this.contentType = contentType;
        this.repeatable = repeatable;
        this.headers = headers;
    }

    public static CrmRequest get(String path) {
        return of("GET", path);
    }

    /** A request without a body, e.g. {@code of("PUT", path)} for HubSpot's default associations. */
    public static CrmRequest of(String method, String path) {
        return new CrmRequest(checkMethod(method), checkPath(path), Query.empty(), null, null, true, Map.of());
    }

    /**
     * A request with a body of the given content type, repeatable: {@link CrmHttp} sends it again after
     * a timeout or a 5xx. Call {@link #notRepeatable()} for one that must not run twice.
     */
    public static CrmRequest withBody(String method, String path, byte[] body, String contentType) {
        requireNonNull(body, "body is null");
        requireNonNull(contentType, "contentType is null");
        return new CrmRequest(
                checkMethod(method), checkPath(path), Query.empty(), body.clone(), contentType, true, Map.of());
    }

    /** An {@code application/x-www-form-urlencoded} POST, as OAuth token endpoints take. */
    public static CrmRequest form(String path, Map<String, String> fields) {
        byte[] body = Query.empty().andAll(fields).encoded().getBytes(StandardCharsets.UTF_8);
        return withBody("POST", path, body, "application/x-www-form-urlencoded");
    }

    public CrmRequest withQuery(Query parameters) {
        return new CrmRequest(
                method, path, requireNonNull(parameters, "parameters is null"), body, contentType, repeatable, headers);
    }

    /** One more header, e.g. Salesforce's {@code Sforce-Query-Options}; never a credential. */
    public CrmRequest withHeader(String name, String value) {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                    "header " + name + " is set by CrmHttp; credentials go through " + "Credentials");
        }
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new CrmRequest(method, path, query, body, contentType, repeatable, Map.copyOf(more));
    }

    /**
     * This request must not run twice, e.g. a POST that creates an activity. {@link CrmHttp} then does
     * not send it again after an answer that may mean it arrived (a timeout, a dropped connection, a 5xx);
     * it still does after a refused connection or a rate limit, which mean it did not.
     */
    public CrmRequest notRepeatable() {
        return new CrmRequest(method, path, query, body, contentType, false, headers);
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public Query query() {
        return query;
    }

    public boolean repeatable() {
        return repeatable;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** {@code null} for a request without a body. */
    String contentType() {
        return contentType;
    }

    /** {@code null} for a request without a body. */
    byte[] body() {
        return body;
    }

    /**
     * "GET /crm/v3/objects/contacts": what messages and logs name. The query stays out, because it may
     * carry a person's details or, for some APIs, a token.
     */
    public String describe() {
        int question = path.indexOf('?');
        return method + " " + (question < 0 ? path : path.substring(0, question));
    }

    /** The path and query, appended to the base URL. */
    String pathAndQuery() {
        if (query.isEmpty()) {
            return path;
        }
        return path + (path.indexOf('?') < 0 ? "?" : "&") + query.encoded();
    }

    private static String checkMethod(String method) {
        requireNonNull(method, "method is null");
        if (!method.matches("[A-Z]{3,7}")) {
            throw new IllegalArgumentException("method must be an upper-case HTTP method, got " + method);
        }
        return method;
    }

    private static String checkPath(String path) {
        requireNonNull(path, "path is null");
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("a request path starts with one '/' and holds no spaces or "
                    + "fragment (an absolute URL would take the credentials elsewhere), got '"
                    + (path.length() > 60 ? path.substring(0, 60) + "…" : path) + "'");
        }
        return path;
    }

    @Override
    public String toString() {
        return describe();
    }
}
