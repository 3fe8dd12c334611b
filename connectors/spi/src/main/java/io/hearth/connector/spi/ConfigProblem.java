package io.hearth.connector.spi;

import static java.util.Objects.requireNonNull;

/** One thing wrong with a connector config: the key and what is wrong, fit to show the user. */
public record ConfigProblem(String key, String message) {
    public ConfigProblem {
        requireNonNull(key, "key is null");
        requireNonNull(message, "message is null");
    }
}
