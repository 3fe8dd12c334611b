package io.hearth.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.cli.ProfilesFile.Profiles;
import io.hearth.cli.ProfilesFile.ProfilesFileException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hearth profiles list|use|show|remove}: the saved profiles; a token is never shown. */
@Command(name = "profiles", description = "The saved profiles ('hearth login' makes them); a token is never shown.")
final class ProfilesCommand {

    /** Reads and writes the profiles file; a problem with it is one line and exit code 2. */
    abstract static class FileCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() {
            HearthCli hearth = (HearthCli) spec.root().userObject();
            ProfilesFile file = ProfilesFile.locate(
                    hearth.options().config, hearth.environment().variables());
            try {
                return run(file, file.read(), hearth.options());
            } catch (ProfilesFileException e) {
                return fail(e.getMessage());
            } finally {
                out().flush();
            }
        }

        abstract int run(ProfilesFile file, Profiles profiles, GlobalOptions options) throws ProfilesFileException;

        final int fail(String message) {
            if (json()) {
                CliErrors.printJson(
                        CliErrors.JSON.objectNode().put("code", CliErrors.USAGE).put("message", message),
                        spec.commandLine().getErr());
            } else {
                spec.commandLine().getErr().println("error: " + message);
            }
            spec.commandLine().getErr().flush();
            return ExitCode.USAGE;
        }

        final PrintWriter out() {
            return spec.commandLine().getOut();
        }

        final boolean json() {
            return ((HearthCli) spec.root().userObject()).options().output == OutputFormat.JSON;
        }

        /** A profile for {@code --output json}: the token only as set, command or none. */
        static ObjectNode json(Profile profile, Profiles profiles) {
            ObjectNode node = CliErrors.JSON
                    .objectNode()
                    .put("name", profile.name())
                    .put(
                            "active",
                            profiles.active().filter(profile.name()::equals).isPresent())
                    .put("server", profile.server().orElse(""))
                    .put("tls", tls(profile));
            profile.caCert().ifPresent(v -> node.put("caCert", v));
            profile.clientCert().ifPresent(v -> node.put("clientCert", v));
            profile.clientKey().ifPresent(v -> node.put("clientKey", v));
            return node.put("token", tokenKind(profile));
        }

        final void print(ObjectNode node) {
            out().println(node.toPrettyString());
        }

        final int noSuchProfile(ProfilesFile file, String name) {
            return fail("no profile '" + name + "' in " + file.path() + " ('hearth profiles list' shows them)");
        }
    }

    @Command(name = "list", description = "The profiles; * marks the active one.")
    static final class ListProfiles extends FileCommand {
        @Override
        int run(ProfilesFile file, Profiles profiles, GlobalOptions options) {
            if (json()) {
                ObjectNode list = CliErrors.JSON
                        .objectNode()
                        .put("file", file.path().toString())
                        .put("active", profiles.active().orElse(""));
                ArrayNode all = list.putArray("profiles");
                profiles.byName().values().forEach(profile -> all.add(json(profile, profiles)));
                print(list);
                return ExitCode.OK;
            }
            if (profiles.byName().isEmpty()) {
                out().println("no profiles in " + file.path() + ": make one with 'hearth login --server HOST:PORT"
                        + " --token-stdin'");
                return ExitCode.OK;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("", "NAME", "SERVER", "TLS", "TOKEN"));
            for (Profile profile : profiles.byName().values()) {
                boolean active =
                        profiles.active().filter(profile.name()::equals).isPresent();
                rows.add(List.of(
                        active ? "*" : "",
                        profile.name(),
                        profile.server().orElse("-"),
                        tls(profile),
                        tokenKind(profile)));
            }
            int[] widths = {1, 1, 1, 1, 1};
            for (List<String> row : rows) {
                for (int i = 0; i < widths.length; i++) {
                    widths[i] = Math.max(widths[i], DisplayWidth.of(row.get(i)));
                }
            }
            for (List<String> row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < widths.length; i++) {
                    line.append(row.get(i)).append(" ".repeat(widths[i] - DisplayWidth.of(row.get(i))));
                    if (i < widths.length - 1) {
                        line.append("  ");
                    }
                }
                out().println(line.toString().stripTrailing());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "use", description = "Make NAME the active profile.")
    static final class Use extends FileCommand {
        @Parameters(paramLabel = "NAME", description = "The profile.")
        String name;

        @Override
        int run(ProfilesFile file, Profiles profiles, GlobalOptions options) throws ProfilesFileException {
            if (!profiles.byName().containsKey(name)) {
                return noSuchProfile(file, name);
            }
            file.write(profiles.withActive(Optional.of(name)));
            if (json()) {
                print(CliErrors.JSON.objectNode().put("active", name));
                return ExitCode.OK;
            }
            out().println("active profile: " + name);
            return ExitCode.OK;
        }
    }

    @Command(name = "show", description = "One profile (default: --profile, else the active one); the token as 'set'.")
    static final class Show extends FileCommand {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The profile.")
        String name;

        @Override
        int run(ProfilesFile file, Profiles profiles, GlobalOptions options) {
            String wanted = name != null
                    ? name
                    : options.profile != null
                            ? options.profile
                            : profiles.active().orElse(null);
            if (wanted == null) {
                return fail("no active profile in " + file.path() + ": name one, or make one with 'hearth login'");
            }
            Profile profile = profiles.byName().get(wanted);
            if (profile == null) {
                return noSuchProfile(file, wanted);
            }
            boolean active = profiles.active().filter(wanted::equals).isPresent();
            if (json()) {
                print(json(profile, profiles).put("file", file.path().toString()));
                return ExitCode.OK;
            }
            out().println("profile: " + profile.name() + (active ? " (active)" : ""));
            out().println("file: " + file.path());
            out().println("server: " + profile.server().orElse("-"));
            out().println("tls: " + tls(profile));
            profile.caCert().ifPresent(v -> out().println("ca-cert: " + v));
            profile.clientCert().ifPresent(v -> out().println("client-cert: " + v));
            profile.clientKey().ifPresent(v -> out().println("client-key: " + v));
            out().println("token: " + profile.tokenSource());
            return ExitCode.OK;
        }
    }

    @Command(name = "remove", description = "Delete profile NAME (and its token) from the file.")
    static final class Remove extends FileCommand {
        @Parameters(paramLabel = "NAME", description = "The profile.")
        String name;

        @Override
        int run(ProfilesFile file, Profiles profiles, GlobalOptions options) throws ProfilesFileException {
            if (!profiles.byName().containsKey(name)) {
                return noSuchProfile(file, name);
            }
            Profiles left = profiles.without(name);
            file.write(left);
            if (json()) {
                print(CliErrors.JSON
                        .objectNode()
                        .put("removed", name)
                        .put("active", left.active().orElse("")));
                return ExitCode.OK;
            }
            out().println("removed profile " + name
                    + (profiles.active().filter(name::equals).isPresent()
                            ? "; no profile is active now ('hearth profiles use NAME')"
                            : ""));
            return ExitCode.OK;
        }
    }

    private static String tokenKind(Profile profile) {
        return profile.token().isPresent() ? "set" : profile.tokenCommand().isPresent() ? "command" : "none";
    }

    private static String tls(Profile profile) {
        if (profile.clientCert().isPresent()) {
            return "mutual TLS";
        }
        if (profile.caCert().isPresent()) {
            return "TLS (own CA)";
        }
        return profile.tls().orElse(false) ? "TLS" : "plaintext";
    }
}
