package io.hearth.core.error;

/**
 * Short, printable excerpts of caller input for error messages. An error names what was wrong
 * with a value, it does not carry the value back: a 40 KB filter or a name full of control
 * characters is shown by its first {@value #LENGTH} characters, once, so replies and logs stay
 * small whatever a caller sends.
 */
public final class Excerpts {
    /** At most this many characters of the input are shown. */
    public static final int LENGTH = 40;

    private static final char ELLIPSIS = '…';
    private static final char REPLACEMENT = '\uFFFD';

    private Excerpts() {}

    /** {@code text} in single quotes, cut to {@value #LENGTH} characters and "…", see {@link #of(String)}. */
    public static String quoted(String text) {
        return "'" + of(text) + "'";
    }

    /**
     * {@code text} cut to {@value #LENGTH} characters and "…" when longer, with control characters
     * (tabs and line breaks too) shown as U+FFFD; {@code null} shows as an empty string.
     */
    public static String of(String text) {
        return of(text, LENGTH);
    }

    /** Like {@link #of(String)}, cut to {@code max} characters. */
    public static String of(String text, int max) {
        if (text == null) {
            return "";
        }
        String cut = clip(text, max);
        StringBuilder result = null;
        for (int i = 0; i < cut.length(); i++) {
            if (Character.isISOControl(cut.charAt(i))) {
                if (result == null) {
                    result = new StringBuilder(cut);
                }
                result.setCharAt(i, REPLACEMENT);
            }
        }
        return result == null ? cut : result.toString();
    }

    /**
     * {@code text} cut to {@code max} characters, the last of them "…", when longer; never cuts a
     * surrogate pair in two.
     */
    public static String clip(String text, int max) {
        if (max < 2) {
            throw new IllegalArgumentException("max must be at least 2, got " + max);
        }
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }
}
