package io.hearth.connector.spi;

import java.util.Locale;

/** The type of a config value; values always travel as text and are checked against their type. */
public enum ConfigType {
    STRING,
    INTEGER,
    BOOLEAN,
    /** A file on the server's file system. */
    PATH;

    /** Why {@code value} is not of this type, or {@code null} when it is. */
    String problemWith(String value) {
        // a tab is a delimiter some files use; no other control character is ever part of a value
        if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
            return "must not contain control characters";
        }
        return switch (this) {
            case STRING, PATH -> null;
            case INTEGER -> isInteger(value) ? null : "must be a whole number, got " + Excerpt.quoted(value);
            case BOOLEAN -> {
                String lower = value.strip().toLowerCase(Locale.ROOT);
                yield lower.equals("true") || lower.equals("false")
                        ? null
                        : "must be true or false, got " + Excerpt.quoted(value);
            }
        };
    }

    private static boolean isInteger(String value) {
        try {
            Long.parseLong(value.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
