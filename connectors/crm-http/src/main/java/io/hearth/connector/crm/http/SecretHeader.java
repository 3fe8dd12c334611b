package io.hearth.connector.crm.http;

import static java.util.Objects.requireNonNull;

/**
 * The header that carries a credential, e.g. {@code Authorization: Bearer ...} or {@code x-api-token: ...}.
 * Its {@link #toString()} hides the value, so a header that ends up in a log or a message shows no secret.
 */
public record SecretHeader(String name, String value) {
    public SecretHeader {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("header name is blank");
        }
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            // the JDK refuses it too, but with a message that quotes the value
            throw new IllegalArgumentException("the value of header " + name + " contains a line break");
        }
    }

    public static SecretHeader bearer(String token) {
        return new SecretHeader("Authorization", "Bearer " + requireNonNull(token, "token is null"));
    }

    @Override
    public String toString() {
        return name + ": ***";
    }
}
