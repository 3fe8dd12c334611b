package io.hearth.connector.pipedrive;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The touch id written into an activity's note, e.g. {@code [hearth touches/0190b2...]}: Pipedrive
 * activities have no custom fields to hold an external id, so the note carries it, and a retried write
 * finds the activity by it before creating another. Brackets delimit it, so {@code touches/12} is not
 * found in {@code touches/123}.
 */
final class ActivityMarker {
    private static final Pattern MARKER = Pattern.compile("\\[hearth (touches/[^\\]\\s<>]+)]");

    private ActivityMarker() {}

    static String of(String touchId) {
        return "[hearth " + touchId + "]";
    }

    /** The touch id an activity's note carries, if any. */
    static Optional<String> touchIdIn(String note) {
        if (note == null) {
            return Optional.empty();
        }
        Matcher matcher = MARKER.matcher(note);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
