package io.hearth.core.sync;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a secret's value is found on the server when a run starts: an environment variable
 * ({@code env:NAME}) or a file ({@code file:/absolute/path}). Only references are stored, never
 * values, so a database dump or an answer holds no token.
 */
public record SecretReference(Kind kind, String target) {
    /** Longest reference taken, so a stored one always fits its column. */
    public static final int MAX_LENGTH = 1000;

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");
    static final String ENV = "env:";
    static final String FILE = "file:";

    public enum Kind {
        ENV,
        FILE
    }

    /** What a reference must look like, for error messages. */
    public static final String FORM = "env:NAME or file:/absolute/path";

    /** The reference {@code text} is, or empty when it is none (then it may be a literal secret: never echo it). */
    public static Optional<SecretReference> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if (text.startsWith(ENV)
                && VARIABLE.matcher(text.substring(ENV.length())).matches()) {
            return Optional.of(new SecretReference(Kind.ENV, text.substring(ENV.length())));
        }
        if (text.startsWith(FILE)) {
            String path = text.substring(FILE.length());
            if (path.chars().noneMatch(Character::isISOControl) && isAbsolute(path)) {
                return Optional.of(new SecretReference(Kind.FILE, path));
            }
        }
        return Optional.empty();
    }

    private static boolean isAbsolute(String path) {
        try {
            return Path.of(path).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** As stored and shown: {@code env:NAME} or {@code file:/path}. */
    @Override
    public String toString() {
        return (kind == Kind.ENV ? ENV : FILE) + target;
    }
}
