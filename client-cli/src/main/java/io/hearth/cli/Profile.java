package io.hearth.cli;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A named way to reach a server: its address, TLS settings and token (or a command that prints the
 * token), as {@code hearth login} stored it. Every field but the name may be absent; {@link
 * #toString} leaves the token out.
 */
record Profile(
        String name,
        Optional<String> server,
        Optional<Boolean> tls,
        Optional<String> caCert,
        Optional<String> clientCert,
        Optional<String> clientKey,
        Optional<String> token,
        Optional<String> tokenCommand) {

    Profile {
        requireNonNull(name, "name is null");
        requireNonNull(server, "server is null");
        requireNonNull(tls, "tls is null");
        requireNonNull(caCert, "caCert is null");
        requireNonNull(clientCert, "clientCert is null");
        requireNonNull(clientKey, "clientKey is null");
        requireNonNull(token, "token is null");
        requireNonNull(tokenCommand, "tokenCommand is null");
    }

    /** How the profile gets its token, in words that never include it. */
    String tokenSource() {
        if (token.isPresent()) {
            return "set";
        }
        return tokenCommand.map(command -> "from the command: " + command).orElse("none");
    }

    @Override
    public String toString() {
        return "Profile[" + name + ", server " + server.orElse("-") + ", token " + (token.isPresent() ? "set" : "-")
                + "]";
    }
}
