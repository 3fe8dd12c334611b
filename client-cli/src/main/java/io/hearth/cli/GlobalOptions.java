package io.hearth.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options accepted by every command. They are inherited, so picocli stores their values here, in
 * the root command's instance, wherever on the command line the user puts them.
 */
final class GlobalOptions {

    @Option(
            names = "--server",
            scope = ScopeType.INHERIT,
            paramLabel = "HOST:PORT",
            defaultValue = "${env:HEARTH_SERVER:-localhost:50051}",
            description = "Hearth server to talk to (default: $HEARTH_SERVER, else localhost:50051).")
    String server;

    @Option(
            names = "--tls",
            scope = ScopeType.INHERIT,
            defaultValue = "${env:HEARTH_TLS:-false}",
            description = "Connect with TLS, trusting the certificate authorities of this Java"
                    + " installation (default: $HEARTH_TLS, else false).")
    boolean tls;

    @Option(
            names = "--ca-cert",
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            defaultValue = "${env:HEARTH_CA_CERT}",
            description = "Connect with TLS, trusting the certificate authority in this PEM file"
                    + " (default: $HEARTH_CA_CERT).")
    Path caCert;

    @Option(
            names = "--client-cert",
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            defaultValue = "${env:HEARTH_CLIENT_CERT}",
            description = "Mutual TLS: show the server this certificate (PEM); needs --client-key"
                    + " (default: $HEARTH_CLIENT_CERT).")
    Path clientCert;

    @Option(
            names = "--client-key",
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            defaultValue = "${env:HEARTH_CLIENT_KEY}",
            description =
                    "The private key of --client-cert (PEM, unencrypted PKCS#8)" + " (default: $HEARTH_CLIENT_KEY).")
    Path clientKey;

    /** Never printed: picocli shows no default here, and no message of the CLI quotes it. */
    @Option(
            names = "--token",
            scope = ScopeType.INHERIT,
            paramLabel = "TOKEN",
            defaultValue = "${env:HEARTH_TOKEN}",
            description = "API token, sent as 'authorization: Bearer' on every call (default: $HEARTH_TOKEN;"
                    + " prefer the variable: a flag shows in ps and in the shell's history).")
    String token;

    @Option(
            names = "--output",
            scope = ScopeType.INHERIT,
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "Output format: table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;
}
