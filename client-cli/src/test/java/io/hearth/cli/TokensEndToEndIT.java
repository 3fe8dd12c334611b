package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.cli.ServerProcess.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API tokens as a team uses them, on the packaged server and CLI: the server started with an admin
 * token, a rep's token made with it, used, refused once revoked, and a profile saved by
 * {@code hearth login} used for a call. Then speed-to-lead escalation, with a short response
 * window so the test does not wait 5 minutes: a manager opts the team in, a rep's web lead is
 * escalated on another rep's {@code queue --watch}, then reassigned to that rep at its deadline.
 */
class TokensEndToEndIT {
    private static final String ADMIN = "hth_tokens-end-to-end-admin-token-0123456789";
    private static final Pattern CREATED = Pattern.compile("token (\\S+) for (\\S+).*\\n(hth_\\S+)");

    @TempDir
    Path dir;

    @Test
    void anAdminMakesARepTokenThatWorksUntilRevokedAndLoginSavesAProfile() throws Exception {
        try (ServerProcess server = ServerProcess.start(
                List.of(
                        "--data-dir",
                        dir.resolve("data").toString(),
                        // a web lead is escalated 2 s after it arrives and reassigned 6 s after
                        "--response-window",
                        "6s",
                        "--escalate-before",
                        "4s",
                        "--escalation-period",
                        "200ms"),
                Map.of("HEARTH_ADMIN_TOKEN", ADMIN))) {
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

            escalation(server, bob);
        }
    }

    /**
     * Team east (bob, and now carl and their manager mia) opts in to reassignment; a web lead of
     * bob's, untouched, shows on carl's watch of the team's queue as an escalation, then as
     * reassigned to carl, the next available rep, when its deadline passes.
     */
    private static void escalation(ServerProcess server, String bob) throws Exception {
        String carl = created(server, "carl").group(3);
        String mia = created(server, "mia", "manager").group(3);
        Cli optIn = server.cliInProcess("--token", mia, "team", "set", "--reassign-missed", "on");
        assertThat(optIn.exitCode()).as(optIn.toString()).isZero();
        assertThat(optIn.out()).contains("team east", "reassign missed leads: on", "bob", "carl");

        ExecutorService watching = Executors.newSingleThreadExecutor();
        try {
            // the team's view for carl: empty, then bob's lead escalated, then reassigned to carl
            Future<Cli> watch = watching.submit(() -> server.cliInProcess(
                    "--token", carl, "queue", "--watch", "--max-snapshots", "3", "--output", "json"));
            Cli web = server.cliInProcess(
                    "--token", bob, "leads", "create", "--given-name", "Wendy", "--source", "web-form");
            assertThat(web.exitCode()).as(web.toString()).isZero();
            Cli watched = watch.get(60, TimeUnit.SECONDS);
            assertThat(watched.exitCode()).as(watched.toString()).isZero();
            List<String> snapshots = watched.out().lines().toList();
            assertThat(snapshots).hasSize(3);
            assertThat(snapshots.get(1))
                    .contains("\"escalations\"", "Wendy", "\"owner\":\"bob\"", "left of its 6 s")
                    .contains("escalated: web form lead: ");
            assertThat(snapshots.get(2)).contains("\"reassignedTo\":\"carl\"");
        } finally {
            watching.shutdownNow();
        }
        Cli carls = server.cliInProcess("--token", carl, "leads", "list", "--owner", "carl");
        assertThat(carls.out()).as(carls.toString()).contains("Wendy");
    }

    private static Matcher created(ServerProcess server, String user) throws Exception {
        return created(server, user, "rep");
    }

    /**
     * The admin makes a token, through the CLI's entry point in this JVM (a JVM start spared per
     * token): the token from the environment of a real CLI process is what the calls above show.
     */
    private static Matcher created(ServerProcess server, String user, String role) throws Exception {
        Cli made = server.cliInProcess(
                "--token", ADMIN, "admin", "tokens", "create", "--user", user, "--role", role, "--team", "east");
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
