package io.hearth.connector.spi;

/**
 * Short excerpts of config keys and values for problem messages, the way Hearth's core clips
 * caller input in errors ({@code io.hearth.core.error.Excerpts}, which this JDK-only module cannot
 * use): at most 40 characters, control characters shown as U+FFFD.
 */
final class Excerpt {
    private static final int LENGTH = 40;

    private Excerpt() {}

    static String quoted(String text) {
        return "'" + of(text) + "'";
    }

    static String of(String text) {
        String cut = text.length() <= LENGTH
                ? text
                : text.substring(0, Character.isHighSurrogate(text.charAt(LENGTH - 2)) ? LENGTH - 2 : LENGTH - 1) + "…";
        StringBuilder result = new StringBuilder(cut.length());
        cut.chars().forEach(c -> result.append(Character.isISOControl(c) ? '\uFFFD' : (char) c));
        return result.toString();
    }
}
