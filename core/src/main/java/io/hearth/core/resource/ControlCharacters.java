package io.hearth.core.resource;

import io.hearth.core.error.InvalidArgumentException;

/**
 * The one rule for control characters (U+0000 to U+001F, U+007F to U+009F) in what Hearth stores
 * or looks up: none in one-line values (names, emails, phones, companies, titles, owners, tags,
 * request ids, filter values), and only tab, CR and LF in multi-line free text (notes, reasons,
 * purposes). PostgreSQL cannot store U+0000 at all, so without this rule a name with a NUL was an
 * internal error there and fine on HSQLDB; the others are never typed on purpose and break the
 * exports, terminals and CSV files the values travel to.
 */
public final class ControlCharacters {
    private static final char REPLACEMENT = '\uFFFD';

    private ControlCharacters() {}

    /** Why a one-line value cannot be taken, or {@code null} when it can (as can {@code null}). */
    public static String lineProblem(String value) {
        int at = firstControl(value, false);
        return at < 0 ? null : "must not contain control characters, found " + describe(value, at);
    }

    /** Why multi-line free text cannot be taken, or {@code null} when it can (as can {@code null}). */
    public static String textProblem(String value) {
        int at = firstControl(value, true);
        return at < 0
                ? null
                : "must not contain control characters other than tabs and line breaks, found " + describe(value, at);
    }

    /**
     * {@code value} when it is a valid one-line value.
     *
     * @param field the request field it came from, named in the error
     * @throws InvalidArgumentException when it holds a control character
     */
    public static String requireLine(String value, String field) {
        String problem = lineProblem(value);
        if (problem != null) {
            throw InvalidArgumentException.of(field, problem);
        }
        return value;
    }

    /**
     * {@code text} with every control character other than tab, CR and LF replaced by U+FFFD: for
     * keeping input as it came (a rejected record's raw text) where the database cannot take it.
     */
    public static String replaced(String text) {
        if (text == null || firstControl(text, true) < 0) {
            return text;
        }
        StringBuilder result = new StringBuilder(text);
        for (int i = 0; i < result.length(); i++) {
            if (isControl(result.charAt(i), true)) {
                result.setCharAt(i, REPLACEMENT);
            }
        }
        return result.toString();
    }

    private static int firstControl(String value, boolean lineBreaksAllowed) {
        if (value == null) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (isControl(value.charAt(i), lineBreaksAllowed)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isControl(char c, boolean lineBreaksAllowed) {
        return Character.isISOControl(c) && !(lineBreaksAllowed && (c == '\t' || c == '\r' || c == '\n'));
    }

    private static String describe(String value, int at) {
        return String.format("U+%04X at position %d", (int) value.charAt(at), at + 1);
    }
}
