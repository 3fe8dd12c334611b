package io.hearth.cli;

import static java.util.stream.Collectors.joining;

import java.util.List;
import java.util.regex.Pattern;

/** Command lines to show the user, e.g. the one that fetches the next page. */
final class ShellWords {

    /** Words a POSIX shell takes literally; anything else is single-quoted. */
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {}

    static String commandLine(List<String> words) {
        return words.stream().map(ShellWords::quote).collect(joining(" "));
    }

    static String quote(String word) {
        return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
