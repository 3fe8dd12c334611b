package io.hearth.server.config;

import static java.util.Objects.requireNonNull;

/**
 * The admin token the server is started with, and where it came from ({@code HEARTH_ADMIN_TOKEN} or
 * {@code --admin-token-file FILE}) for messages. {@link #toString} leaves the token out, so a config
 * printed by mistake leaks nothing.
 */
public final class AdminToken {
    private final String value;
    private final String source;

    public AdminToken(String value, String source) {
        this.value = requireNonNull(value, "value is null");
        this.source = requireNonNull(source, "source is null");
    }

    public String value() {
        return value;
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "AdminToken[from " + source + "]";
    }
}
