package io.hearth.cli;

import io.hearth.cli.ProfilesFile.Profiles;
import io.hearth.cli.ProfilesFile.ProfilesFileException;
import io.hearth.cli.TokenCommand.TokenCommandException;
import io.hearth.proto.v1.ListLeadsRequest;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth login}: checks that a server answers a token, then saves the server, its TLS
 * settings and the token (or the command that prints it) as a profile and makes it the active one.
 * The token is taken from standard input, a command or {@code $HEARTH_TOKEN}, never echoed.
 */
@Command(
        name = "login",
        footerHeading = "%nExamples:%n",
        footer = {
            "  hearth login --server hearth.example.com:443 --tls --token-stdin < token.txt",
            "  hearth login --profile work --server hearth.internal:50051 --token-command 'pass show hearth'"
        },
        description = "Check a token against a server and save both as a profile (--profile NAME, default"
                + " 'default'), made the active one. The token comes from --token-stdin, --token-command or"
                + " $HEARTH_TOKEN; it is never printed.")
final class LoginCommand extends RpcCommand {
    static final String DEFAULT_PROFILE = "default";
    /** A line longer than this on standard input is not a token. */
    static final int MAX_TOKEN_LINE = 4096;

    @Option(
            names = "--token-stdin",
            description =
                    "Read the token from the first line of standard input, e.g. pass show hearth | hearth login …")
    boolean tokenStdin;

    @Option(
            names = "--token-command",
            paramLabel = "COMMAND",
            description = "A shell command that prints the token; the profile keeps the command, not the token, and"
                    + " runs it whenever a command needs the token.")
    String tokenCommand;

    private String profileName;

    @Override
    void settings() throws ProfileSettings.SettingsException {
        GlobalOptions options = options();
        profileName = options.profile == null || options.profile.isBlank() ? DEFAULT_PROFILE : options.profile.strip();
        Optional<String> badName = ProfilesFile.nameProblem(profileName);
        if (badName.isPresent()) {
            throw new ProfileSettings.SettingsException("--profile '" + profileName + "': " + badName.get());
        }
        if (options.server == null || options.server.isBlank()) {
            throw new ProfileSettings.SettingsException(
                    "login needs the server: --server HOST:PORT (or $HEARTH_SERVER)");
        }
        if (tokenStdin && tokenCommand != null) {
            throw new ProfileSettings.SettingsException("give the token once: --token-stdin or --token-command");
        }
        if (tokenStdin) {
            options.token = readTokenLine();
        } else if (tokenCommand != null) {
            try {
                options.token = TokenCommand.run(tokenCommand);
            } catch (TokenCommandException e) {
                throw new ProfileSettings.SettingsException(e.getMessage());
            }
        } else if (options.token == null || options.token.isBlank()) {
            throw new ProfileSettings.SettingsException("login needs a token: --token-stdin (e.g. pass show hearth |"
                    + " hearth login --server …), --token-command COMMAND, or $HEARTH_TOKEN");
        }
        if (options.tls == null) {
            options.tls = false;
        }
    }

    private String readTokenLine() throws ProfileSettings.SettingsException {
        Console console = System.console();
        if (environment().in() == System.in && console != null && environment().terminal()) {
            // typed at a terminal: asked for without echo, so the token does not show on the screen
            char[] typed = console.readPassword("token: ");
            String token = typed == null ? "" : new String(typed).strip();
            if (token.isEmpty()) {
                throw new ProfileSettings.SettingsException("--token-stdin: no token was typed");
            }
            return token;
        }
        try {
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(environment().in(), StandardCharsets.UTF_8));
            char[] buffer = new char[MAX_TOKEN_LINE + 1];
            int length = 0;
            int read;
            while (length < buffer.length && (read = reader.read(buffer, length, buffer.length - length)) >= 0) {
                length += read;
                if (new String(buffer, 0, length).contains("\n")) {
                    break;
                }
            }
            String line =
                    new String(buffer, 0, length).lines().findFirst().orElse("").strip();
            if (line.isEmpty()) {
                throw new ProfileSettings.SettingsException("--token-stdin: no token on standard input");
            }
            if (line.length() > MAX_TOKEN_LINE) {
                throw new ProfileSettings.SettingsException(
                        "--token-stdin: the first line is longer than " + MAX_TOKEN_LINE + " characters, not a token");
            }
            return line;
        } catch (IOException e) {
            throw new ProfileSettings.SettingsException("--token-stdin: standard input cannot be read");
        }
    }

    @Override
    void execute() {
        // a cheap call that needs the token: refused (and nothing saved) unless the server takes it
        leadService().listLeads(ListLeadsRequest.newBuilder().setPageSize(1).build());
        GlobalOptions options = options();
        Profile profile = new Profile(
                profileName,
                Optional.of(options.server.strip()),
                Optional.of(options.tls),
                absolute(options.caCert),
                absolute(options.clientCert),
                absolute(options.clientKey),
                tokenCommand == null ? Optional.of(options.token.strip()) : Optional.empty(),
                Optional.ofNullable(tokenCommand));
        ProfilesFile file = ProfilesFile.locate(options.config, environment().variables());
        try {
            Profiles profiles = file.read();
            file.write(profiles.with(profile).withActive(Optional.of(profileName)));
        } catch (ProfilesFileException e) {
            String message = "the server took the token, but the profile was not saved: " + e.getMessage();
            if (json()) {
                CliErrors.printJson(
                        CliErrors.JSON
                                .objectNode()
                                .put("code", CliErrors.CLIENT)
                                .put("message", message),
                        err());
            } else {
                err().println("error: " + message);
            }
            exitWith(EXIT_RPC_FAILED);
            return;
        }
        if (json()) {
            out().println(CliErrors.JSON
                    .objectNode()
                    .put("server", options.server.strip())
                    .put("profile", profileName)
                    .put("file", file.path().toString())
                    .put("token", profile.tokenSource())
                    .toPrettyString());
            return;
        }
        out().printf(
                        "logged in to %s: profile '%s' saved in %s and made the active one (token: %s)%n",
                        options.server.strip(), profileName, file.path(), profile.tokenSource());
    }

    private static Optional<String> absolute(Path file) {
        return Optional.ofNullable(file).map(f -> f.toAbsolutePath().normalize().toString());
    }
}
