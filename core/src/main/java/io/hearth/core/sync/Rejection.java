package io.hearth.core.sync;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.Excerpts;
import io.hearth.core.resource.ControlCharacters;

/**
 * A record a run did not store, with where it was and why. The texts are kept as the source had
 * them, except that control characters other than tab and line breaks become U+FFFD (PostgreSQL
 * cannot store a NUL, and the row that held one is often the very record rejected for it) and
 * each is cut to {@value #MAX_TEXT} characters.
 *
 * @param position e.g. "row 17" or "row 17, column 3"
 * @param raw      the input as far as it is known, for the rejected-rows file
 */
public record Rejection(String position, String reason, String raw) {
    public static final int MAX_TEXT = 4000;
    /** How much of the raw input a client is shown ({@link #rawExcerpt()}). */
    public static final int RAW_EXCERPT = 200;

    public Rejection {
        requireNonNull(position, "position is null");
        requireNonNull(reason, "reason is null");
        position = storable(position, 200);
        reason = storable(reason, MAX_TEXT);
        raw = storable(raw == null ? "" : raw, MAX_TEXT);
    }

    /** The raw input cut to {@value #RAW_EXCERPT} characters: what a listing of rejected records shows. */
    public String rawExcerpt() {
        return Excerpts.clip(raw, RAW_EXCERPT);
    }

    private static String storable(String text, int max) {
        return ControlCharacters.replaced(Excerpts.clip(text, max));
    }
}
