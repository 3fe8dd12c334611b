package io.hearth.core.query;

import io.hearth.core.error.InvalidArgumentException;

/** AIP-132 page sizes: 0 means the default, above the maximum is coerced down, negative is an error. */
public final class PageSize {
    public static final int DEFAULT = 50;
    public static final int MAXIMUM = 1000;

    private PageSize() {}

    public static int resolve(int requested, String field) {
        if (requested < 0) {
            throw InvalidArgumentException.of(field, "must not be negative, got " + requested);
        }
        if (requested == 0) {
            return DEFAULT;
        }
        return Math.min(requested, MAXIMUM);
    }
}
