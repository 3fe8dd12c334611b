package io.hearth.core.resource;

/** Etags are the row version in quotes, as HTTP strong etags look; clients must treat them as opaque. */
public final class Etags {
    private Etags() {}

    public static String of(long version) {
        return "\"" + version + "\"";
    }
}
