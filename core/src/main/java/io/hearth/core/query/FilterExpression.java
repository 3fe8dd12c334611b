package io.hearth.core.query;

import io.hearth.core.error.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The filter language of list calls: a subset of AIP-160 that reps actually type,
 * {@code owner = "alice" AND status = NEW}. Terms are {@code field = value} joined by {@code AND};
 * values are bare words or double-quoted strings with {@code \"} and {@code \\} escapes.
 */
public final class FilterExpression {
    private final String text;
    private final String field;
    private int pos;

    private FilterExpression(String text, String field) {
        this.text = text;
        this.field = field;
    }

    /**
     * Parses {@code text}; blank means no condition.
     *
     * @param field the request field the text came from, named in errors
     */
    public static List<Comparison> parse(String text, String field) {
        return new FilterExpression(text == null ? "" : text, field).parseAll();
    }

    private List<Comparison> parseAll() {
        List<Comparison> terms = new ArrayList<>();
        skipSpaces();
        if (atEnd()) {
            return terms;
        }
        terms.add(term());
        while (true) {
            skipSpaces();
            if (atEnd()) {
                return terms;
            }
            String word = word();
            if (!word.equalsIgnoreCase("AND")) {
                throw error("expected AND between conditions but found '" + word + "'");
            }
            skipSpaces();
            if (atEnd()) {
                throw error("a condition must follow AND");
            }
            terms.add(term());
        }
    }

    private Comparison term() {
        String name = word();
        if (name.isEmpty()) {
            throw error("expected a field name");
        }
        skipSpaces();
        if (atEnd() || text.charAt(pos) != '=') {
            throw error("expected '=' after '" + name + "' (only equality is supported)");
        }
        pos++;
        skipSpaces();
        if (atEnd()) {
            throw error("expected a value after '" + name + " ='");
        }
        String value = text.charAt(pos) == '"' ? quoted() : word();
        if (value.isEmpty()) {
            throw error("expected a value after '" + name + " ='");
        }
        return new Comparison(name.toLowerCase(Locale.ROOT), value);
    }

    private String word() {
        int start = pos;
        while (!atEnd() && !Character.isWhitespace(text.charAt(pos)) && text.charAt(pos) != '='
                && text.charAt(pos) != '"') {
            pos++;
        }
        return text.substring(start, pos);
    }

    private String quoted() {
        int start = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (atEnd()) {
                    break;
                }
                value.append(text.charAt(pos++));
            } else {
                value.append(c);
            }
        }
        pos = start;
        throw error("unterminated quoted value");
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private InvalidArgumentException error(String problem) {
        return InvalidArgumentException.of(field, problem + " at position " + (pos + 1) + " of '" + text + "'");
    }
}
