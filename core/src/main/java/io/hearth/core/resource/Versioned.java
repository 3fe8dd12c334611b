package io.hearth.core.resource;

import static java.util.Objects.requireNonNull;

/**
 * A changed resource and the version it had when it was read: it is written only if that version
 * is still the stored one, so a writer never overwrites a change it has not seen.
 */
public record Versioned<T>(T value, long expectedVersion) {
    public Versioned {
        requireNonNull(value, "value is null");
    }
}
