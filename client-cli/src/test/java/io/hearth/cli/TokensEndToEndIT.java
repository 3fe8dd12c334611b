package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.cli.ServerProcess.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API tokens as a team uses them, on the packaged server and CLI: the server started with an admin
 * token, a rep's token made with it, used, refused once revoked, and a profile saved by
 * {@code hearth login} used for a call.
 */
class TokensEndToEndIT {
    private static final String ADMIN = "hth_tokens-end-to-end-admin-token-0123456789";
    private static final Pattern CREATED = Pattern.compile("token (\\S+) for (\\S+).*\\n(hth_\\S+)");

    @TempDir
    Path dir;

    @Test
    void anAdminMakesARepTokenThatWorksUntilRevokedAndLoginSavesAProfile() throws Exception {
        try (ServerProcess server = ServerProcess.start(
                List.of("--data-dir", dir.resolve("data").toString()), Map.of("HEARTH_ADMIN_TOKEN", ADMIN))) {
            assertThat(server.logOnceItSays("Limits per token on this server"))
                    .contains("every call needs an API token", "Limits per token on this server");
            // no profile of the machine's user is read or written
            Map<String, String> noProfile =
                    Map.of("XDG_CONFIG_HOME", dir.resolve("config").toString());

            Matcher alice = created(server, "alice");
            Map<String, String> asAlice = with(noProfile, "HEARTH_TOKEN", alice.group(3));
            Cli create = server.cli(asAlice, "leads", "create", "--given-name", "Ada", "--email", "ada@example.com");
            assertThat(create.exitCode()).as(create.toString()).isZero();
            Cli list = server.cli(asAlice, "leads", "list");
            assertThat(list.exitCode()).as(list.toString()).isZero();
            assertThat(list.out()).contains("Ada");

            Cli anonymous = server.cli(noProfile, "leads", "list");
            assertThat(anonymous.exitCode()).as(anonymous.toString()).isEqualTo(1);
            assertThat(anonymous.err()).contains("UNAUTHENTICATED", "authorization: Bearer");

            Cli revoke =
                    server.cli(with(noProfile, "HEARTH_TOKEN", ADMIN), "admin", "tokens", "revoke", alice.group(1));
            assertThat(revoke.exitCode()).as(revoke.toString()).isZero();
            Cli revoked = server.cli(asAlice, "leads", "list");
            assertThat(revoked.exitCode()).as(revoked.toString()).isEqualTo(1);
            assertThat(revoked.err()).contains("UNAUTHENTICATED", "not valid").doesNotContain(alice.group(3));

            String bob = created(server, "bob").group(3);
            Cli login = server.cliWithoutServer(
                    noProfile,
                    bob + "\n",
                    "login",
                    "--profile",
                    "team",
                    "--server",
                    "127.0.0.1:" + server.port(),
                    "--token-stdin");
            assertThat(login.exitCode()).as(login.toString()).isZero();
            assertThat(login.out() + login.err()).contains("profile 'team'").doesNotContain(bob);
            Path file = dir.resolve("config/hearth/config.toml");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");

            // Ada is alice's: bob, another rep, does not see her (roles scope the store queries)
            Cli withProfile = server.cliWithoutServer(noProfile, null, "leads", "list");
            assertThat(withProfile.exitCode()).as(withProfile.toString()).isZero();
            assertThat(withProfile.out()).doesNotContain("Ada");
            Cli bobsLead = server.cliWithoutServer(noProfile, null, "leads", "create", "--given-name", "Bea");
            assertThat(bobsLead.exitCode()).as(bobsLead.toString()).isZero();
            Cli bobsList = server.cliWithoutServer(noProfile, null, "leads", "list");
            assertThat(bobsList.out()).contains("Bea").doesNotContain("Ada");
            Cli show = server.cliWithoutServer(noProfile, null, "profiles", "show");
            assertThat(show.out())
                    .contains("profile: team (active)", "token: set")
                    .doesNotContain(bob);
            assertThat(server.log()).doesNotContain(ADMIN, alice.group(3), bob);
        }
    }

    private static Matcher created(ServerProcess server, String user) throws Exception {
        Cli made = server.cli(
                Map.of("HEARTH_TOKEN", ADMIN),
                "admin",
                "tokens",
                "create",
                "--user",
                user,
                "--role",
                "rep",
                "--team",
                "east");
        assertThat(made.exitCode()).as(made.toString()).isZero();
        Matcher matcher = CREATED.matcher(made.out());
        assertThat(matcher.find()).as(made.toString()).isTrue();
        return matcher;
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> environment = new HashMap<>(base);
        environment.put(name, value);
        return environment;
    }
}
