package io.hearth.connector.crm.http;

import static java.util.Objects.requireNonNull;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Query parameters, encoded for a URL. Immutable: each {@code and} returns a new query. A parameter
 * whose value is {@code null} is left out, so an optional cursor needs no {@code if}.
 */
public final class Query {
    private static final Query EMPTY = new Query(List.of());

    private final List<Map.Entry<String, String>> parameters;

    private Query(List<Map.Entry<String, String>> parameters) {
        this.parameters = parameters;
    }

    public static Query empty() {
        return EMPTY;
    }

    /** {@code Query.of("limit", "100", "after", cursor)}: names and values in turn. */
    public static Query of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "names and values must come in pairs, got " + namesAndValues.length + " strings");
        }
        Query query = EMPTY;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query = query.and(namesAndValues[i], namesAndValues[i + 1]);
        }
        return query;
    }

    public Query and(String name, String value) {
        requireNonNull(name, "name is null");
        if (value == null) {
            return this;
        }
        List<Map.Entry<String, String>> more = new ArrayList<>(parameters);
        more.add(Map.entry(name, value));
        return new Query(List.copyOf(more));
    }

    /** The name repeated once per value ({@code properties=a&properties=b}), as HubSpot takes lists. */
    public Query andEach(String name, Collection<String> values) {
        Query query = this;
        for (String value : values) {
            query = query.and(name, value);
        }
        return query;
    }

    /** Every entry of {@code parameters}, in its order. */
    public Query andAll(Map<String, String> parameters) {
        Query query = this;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            query = query.and(parameter.getKey(), parameter.getValue());
        }
        return query;
    }

    public boolean isEmpty() {
        return parameters.isEmpty();
    }

    /** {@code name=value&...}, each part percent-encoded (a space as {@code %20}), or "" when empty. */
    public String encoded() {
        StringBuilder result = new StringBuilder();
        for (Map.Entry<String, String> parameter : parameters) {
            if (!result.isEmpty()) {
                result.append('&');
            }
            result.append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
        }
        return result.toString();
    }

    /** Percent-encodes one name or value; also right for form bodies. */
    public static String encode(String text) {
        // URLEncoder writes the form encoding; "+" for a space is wrong in a path's query for some servers
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return encoded();
    }
}
