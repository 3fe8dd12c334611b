package io.hearth.connector.crm.http;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Short, printable excerpts of what a CRM answered, for messages a person reads. */
final class Text {
    static final int EXCERPT_LENGTH = 200;
    static final String MASK = "***";

    // "access_token": "...", "client_secret":"...", "api_key": "...": an OAuth token endpoint's answer
    // holds the new token, and a page cut short must not show it in the run's error
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(?i)(\"[^\"]{0,40}(?:token|secret|password|api_?key|signature)[^\"]{0,40}\"\\s*:\\s*\")[^\"]*");

    private Text() {}

    /** At most {@value #EXCERPT_LENGTH} characters of the body, secrets masked, control characters as U+FFFD. */
    static String excerpt(byte[] body) {
        // decode only a prefix: a 30 MiB body is not turned into a string for 200 characters
        int prefix = Math.min(body.length, EXCERPT_LENGTH * 4);
        return excerpt(new String(body, 0, prefix, StandardCharsets.UTF_8));
    }

    static String excerpt(String text) {
        String masked = SECRET_VALUE.matcher(text.strip()).replaceAll("$1" + MASK);
        String cut = masked.length() <= EXCERPT_LENGTH ? masked : masked.substring(0, EXCERPT_LENGTH) + "…";
        StringBuilder result = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> result.appendCodePoint(Character.isISOControl(c) ? '\uFFFD' : c));
        return result.toString();
    }
}
