package io.hearth.core.query;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.resource.ControlCharacters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The filter language of list calls: a subset of AIP-160 that reps actually type,
 * {@code owner = "alice" AND status = NEW}. Terms are {@code field = value} joined by {@code AND};
 * values are bare words or double-quoted strings with {@code \"} and {@code \\} escapes.
 *
 * <p>A filter is at most {@value #MAX_LENGTH} characters and {@value #MAX_TERMS} conditions: every
 * condition becomes a clause of the list query, and a filter of thousands of them made a query
 * that took seconds and gigabytes to build and run. The grammar has no parentheses, so there is
 * no nesting to bound.
 */
public final class FilterExpression {
    public static final int MAX_LENGTH = 4096;
    public static final int MAX_TERMS = 50;

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
        if (text != null && text.length() > MAX_LENGTH) {
            throw InvalidArgumentException.of(
                    field, "must be at most " + MAX_LENGTH + " characters, got " + text.length());
        }
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
            int start = pos;
            String word = word();
            if (!word.equalsIgnoreCase("AND")) {
                pos = start;
                throw error("expected AND between conditions but found " + Excerpts.quoted(word));
            }
            skipSpaces();
            if (atEnd()) {
                throw error("a condition must follow AND");
            }
            if (terms.size() == MAX_TERMS) {
                throw InvalidArgumentException.of(
                        field, "must have at most " + MAX_TERMS + " conditions joined by AND, got more");
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
            throw error("expected '=' after " + Excerpts.quoted(name) + " (only equality is supported)");
        }
        pos++;
        skipSpaces();
        if (atEnd()) {
            throw error("expected a value after " + Excerpts.quoted(name + " ="));
        }
        String value = text.charAt(pos) == '"' ? quoted() : word();
        if (value.isEmpty()) {
            throw error("expected a value after " + Excerpts.quoted(name + " ="));
        }
        String problem = ControlCharacters.lineProblem(value);
        if (problem != null) {
            throw InvalidArgumentException.of(field, "the value of " + Excerpts.quoted(name) + " " + problem);
        }
        return new Comparison(name.toLowerCase(Locale.ROOT), value);
    }

    private String word() {
        int start = pos;
        while (!atEnd()
                && !Character.isWhitespace(text.charAt(pos))
                && text.charAt(pos) != '='
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
        return InvalidArgumentException.of(field, problem + " at position " + (pos + 1));
    }
}
