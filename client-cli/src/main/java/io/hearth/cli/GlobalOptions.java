package io.hearth.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options accepted by every command. They are inherited, so picocli stores their values here, in
 * the root command's instance, wherever on the command line the user puts them.
 */
final class GlobalOptions {
    static final String DEFAULT_SERVER = "localhost:50051";

    @Option(
            names = "--server",
            scope = ScopeType.INHERIT,
            paramLabel = "HOST:PORT",
            defaultValue = "${env:HEARTH_SERVER}",
            description = "Hearth server to talk to (default: $HEARTH_SERVER, else the profile's, else "
                    + DEFAULT_SERVER + ").")
    String server;

    @Option(
            names = "--tls",
            scope = ScopeType.INHERIT,
            defaultValue = "${env:HEARTH_TLS}",
            description = "Connect with TLS, trusting the certificate authorities of this Java"
                    + " installation (default: $HEARTH_TLS, else the profile's, else false).")
    Boolean tls;

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
            description = "API token, sent as 'authorization: Bearer' on every call (default: $HEARTH_TOKEN,"
                    + " else the profile's; prefer the variable or a profile: a flag shows in ps and in the shell's"
                    + " history).")
    String token;

    @Option(
            names = "--profile",
            scope = ScopeType.INHERIT,
            paramLabel = "NAME",
            defaultValue = "${env:HEARTH_PROFILE}",
            description = "The profile (see 'hearth login') whose server, TLS settings and token fill in what the"
                    + " options and variables leave open (default: $HEARTH_PROFILE, else the active one).")
    String profile;

    @Option(
            names = "--config",
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            defaultValue = "${env:HEARTH_CONFIG}",
            description = "The profiles file (default: $HEARTH_CONFIG, else $XDG_CONFIG_HOME/hearth/config.toml,"
                    + " else ~/.config/hearth/config.toml).")
    Path config;

    @Option(
            names = "--output",
            scope = ScopeType.INHERIT,
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "Output format: table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;
}
