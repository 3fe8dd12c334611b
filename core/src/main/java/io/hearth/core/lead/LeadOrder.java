package io.hearth.core.lead;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import java.util.Locale;

/** The order of a lead list: one key and a direction; ties are broken by id in the same direction. */
public record LeadOrder(Key key, boolean descending) {
    public static final LeadOrder DEFAULT = new LeadOrder(Key.CREATE_TIME, false);

    public enum Key {
        CREATE_TIME,
        UPDATE_TIME,
        DISPLAY_NAME
    }

    /**
     * Parses {@code order_by}: a key, optionally followed by {@code asc} or {@code desc}.
     *
     * @param field the request field the text came from, named in errors
     */
    public static LeadOrder parse(String text, String field) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String[] words = text.strip().toLowerCase(Locale.ROOT).split("\\s+");
        if (words.length > 2) {
            throw InvalidArgumentException.of(field, "order by one field only, e.g. 'create_time desc'");
        }
        Key key = switch (words[0]) {
            case "create_time" -> Key.CREATE_TIME;
            case "update_time" -> Key.UPDATE_TIME;
            case "display_name" -> Key.DISPLAY_NAME;
            default ->
                throw InvalidArgumentException.of(
                        field,
                        "cannot order by " + Excerpts.quoted(words[0])
                                + "; use create_time, update_time or display_name");
        };
        boolean descending = false;
        if (words.length == 2) {
            descending = switch (words[1]) {
                case "desc" -> true;
                case "asc" -> false;
                default ->
                    throw InvalidArgumentException.of(
                            field, Excerpts.quoted(words[1]) + " is not a direction; use asc or desc");
            };
        }
        return new LeadOrder(key, descending);
    }
}
