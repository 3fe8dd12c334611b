package io.hearth.cli;

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
            names = "--output",
            scope = ScopeType.INHERIT,
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "Output format: table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;
}
