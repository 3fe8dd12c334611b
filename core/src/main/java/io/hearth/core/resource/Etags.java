package io.hearth.core.resource;

/** Etags are the row version in quotes, as HTTP strong etags look; clients must treat them as opaque. */
public final class Etags {
    private Etags() {}

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The etag a caller sent, as {@link #of} writes it, or {@code null} when none was sent. A shell
     * strips the quotes of {@code --etag "3"} as typed from the CLI's output, so an unquoted etag
     * gets its quotes back: without that, the current etag sent that way was always "stale".
     */
    public static String sent(String etag) {
        if (etag == null || etag.isBlank()) {
            return null;
        }
        String stripped = etag.strip();
        return stripped.startsWith("\"") ? stripped : "\"" + stripped + "\"";
    }
}
