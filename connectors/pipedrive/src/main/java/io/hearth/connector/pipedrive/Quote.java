package io.hearth.connector.pipedrive;

/** A short quoted excerpt of a value a user gave, for a problem message: at most 40 characters, printable. */
final class Quote {
    private static final int LENGTH = 40;

    private Quote() {}

    static String of(String text) {
        String cut = text.length() <= LENGTH ? text : text.substring(0, LENGTH - 1) + "…";
        StringBuilder result = new StringBuilder(cut.length() + 2).append('\'');
        cut.codePoints().forEach(c -> result.appendCodePoint(Character.isISOControl(c) ? '\uFFFD' : c));
        return result.append('\'').toString();
    }
}
