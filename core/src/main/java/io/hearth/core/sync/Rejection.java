package io.hearth.core.sync;

import static java.util.Objects.requireNonNull;

/**
 * A record a run did not store, with where it was and why.
 *
 * @param position e.g. "row 17" or "row 17, column 3"
 * @param raw      the input as far as it is known, for the rejected-rows file
 */
public record Rejection(String position, String reason, String raw) {
    public static final int MAX_TEXT = 4000;

    public Rejection {
        requireNonNull(position, "position is null");
        requireNonNull(reason, "reason is null");
        position = clip(position, 200);
        reason = clip(reason, MAX_TEXT);
        raw = clip(raw == null ? "" : raw, MAX_TEXT);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
