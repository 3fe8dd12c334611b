package io.hearth.cli;

import org.jline.utils.WCWidth;

/**
 * How many terminal columns a text takes: a wide character (CJK ideographs, kana, Hangul, fullwidth
 * forms, most emoji: East Asian Width W and F) takes two, a combining mark or zero-width joiner none,
 * the rest one. {@code String.length()} counts UTF-16 units instead, which misaligns a table with a
 * Japanese name in it. JLine's {@code wcwidth} (already here with the progress bar) carries the
 * Unicode tables.
 */
final class DisplayWidth {

    private DisplayWidth() {}

    static int of(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            // control characters (-1) take no column: a table cell has none left anyway
            width += Math.max(0, WCWidth.wcwidth(codePoint));
            i += Character.charCount(codePoint);
        }
        return width;
    }
}
