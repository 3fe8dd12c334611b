package io.hearth.connector.crm.http.fake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request as {@link FakeCrmServer} received it.
 *
 * @param path     the path without the query, as sent (not decoded)
 * @param rawQuery the query as sent, or "" when none
 * @param headers  by lower-case name
 */
public record RecordedRequest(
        String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    /** The first value of a header, in any letter case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every decoded value of a query parameter, in order. */
    public List<String> queryParameters(String name) {
        List<String> values = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                values.add(equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** The first decoded value of a query parameter. */
    public Optional<String> queryParameter(String name) {
        return queryParameters(name).stream().findFirst();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
