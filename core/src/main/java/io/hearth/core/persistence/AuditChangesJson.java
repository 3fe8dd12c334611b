package io.hearth.core.persistence;

import io.hearth.core.audit.FieldChange;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * An audit entry's changed fields as the text of its {@code changed_fields} column: a JSON array of
 * {@code [field, old value, new value]} arrays in the order of the changes, an empty value as JSON
 * null. Each value is cut to {@link #MAX_VALUE} characters, with a mark; should the whole still
 * not fit the column, the values are cut shorter until it does, so a write is never refused for
 * the size of its audit entry.
 */
final class AuditChangesJson {
    /** The longest value kept; a longer one (notes) is cut, with a mark. */
    static final int MAX_VALUE = 10_000;
    /** The column's size ({@code V31__audit_changes_in_entry.sql}). */
    static final int MAX_TEXT = 1_000_000;

    private static final JsonFactory JSON = new JsonFactory();

    private AuditChangesJson() {}

    static String encode(List<FieldChange> changes) {
        for (int limit = MAX_VALUE; ; limit /= 2) {
            String text = encode(changes, limit);
            if (text.length() <= MAX_TEXT || limit < 16) {
                return text;
            }
        }
    }

    private static String encode(List<FieldChange> changes, int limit) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartArray();
            for (FieldChange change : changes) {
                json.writeStartArray();
                json.writeString(change.field());
                json.writeString(clip(change.oldValue(), limit));
                json.writeString(clip(change.newValue(), limit));
                json.writeEndArray();
            }
            json.writeEndArray();
        }
        return out.toString();
    }

    static List<FieldChange> decode(String text) {
        List<FieldChange> changes = new ArrayList<>();
        try (JsonParser json = JSON.createParser(text)) {
            expect(json.nextToken(), JsonToken.START_ARRAY, text);
            while (json.nextToken() == JsonToken.START_ARRAY) {
                String field = value(json, text);
                String oldValue = value(json, text);
                String newValue = value(json, text);
                expect(json.nextToken(), JsonToken.END_ARRAY, text);
                if (field == null) {
                    throw malformed(text);
                }
                changes.add(new FieldChange(field, oldValue, newValue));
            }
            expect(json.currentToken(), JsonToken.END_ARRAY, text);
        }
        return List.copyOf(changes);
    }

    private static String value(JsonParser json, String text) {
        JsonToken token = json.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(token, JsonToken.VALUE_STRING, text);
        return json.getString();
    }

    private static void expect(JsonToken actual, JsonToken expected, String text) {
        if (actual != expected) {
            throw malformed(text);
        }
    }

    private static IllegalStateException malformed(String text) {
        return new IllegalStateException("an audit entry's changed fields are not as written: "
                + (text.length() > 200 ? text.substring(0, 200) + "…" : text));
    }

    static String clip(String value, int limit) {
        if (value == null || value.length() <= limit) {
            return value;
        }
        int end = limit - 1;
        // never half of a character outside the basic plane
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "…";
    }
}
