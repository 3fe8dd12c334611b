package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.hearth.proto.v1.ListLeadsResponse;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth login}, {@code hearth profiles} and how a profile fills in what options leave open. */
class ProfilesTest {
    private static final String TOKEN = "hth_profiles-test-token-0123456789abcdefghij";

    @TempDir
    Path home;

    private final String serverName = InProcessServerBuilder.generateName();
    /** The target and the authorization header of each call the server got. */
    private final List<String> targets = new CopyOnWriteArrayList<>();

    private final List<String> headers = new CopyOnWriteArrayList<>();
    private final Map<String, String> variables = new HashMap<>();
    private Server server;

    @BeforeEach
    void start() throws Exception {
        ServerInterceptor tokenCheck = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata metadata, ServerCallHandler<Q, R> next) {
                String header = metadata.get(BearerToken.AUTHORIZATION);
                headers.add(String.valueOf(header));
                if (!("Bearer " + TOKEN).equals(header)) {
                    call.close(Status.UNAUTHENTICATED.withDescription("the token is not valid"), new Metadata());
                    return new ServerCall.Listener<>() {};
                }
                return next.startCall(call, metadata);
            }
        };
        RecordingLeadService leads = new RecordingLeadService();
        leads.addPage("", ListLeadsResponse.getDefaultInstance());
        server = InProcessServerBuilder.forName(serverName)
                .directExecutor()
                .addService(ServerInterceptors.intercept(leads, tokenCheck))
                .build()
                .start();
        variables.put("HOME", home.toString());
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private CliResult run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(
                        (target, credentials) -> {
                            targets.add(target);
                            return InProcessChannelBuilder.forName(serverName)
                                    .directExecutor()
                                    .build();
                        },
                        Clock.systemUTC(),
                        false,
                        Duration.ofSeconds(1),
                        Duration.ofMillis(1))
                .with(variables::get, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        int exitCode = HearthCli.run(args, new PrintWriter(out), new PrintWriter(err), environment);
        return new CliResult(exitCode, out.toString(), err.toString());
    }

    private Path configFile() {
        return home.resolve(".config/hearth/config.toml");
    }

    private CliResult login(String... more) {
        List<String> args = new ArrayList<>(List.of("login", "--server", "hearth.example.com:50051", "--token-stdin"));
        args.addAll(List.of(more));
        return run(TOKEN + "\n", args.toArray(String[]::new));
    }

    @Test
    void loginAndProfilesAnswerInJsonWithoutTheToken() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        CliResult login = login("--output", "json");

        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(json.readTree(login.out()).get("profile").asText()).isEqualTo("default");
        assertThat(json.readTree(login.out()).get("token").asText()).isEqualTo("set");

        CliResult list = run("", "profiles", "list", "--output", "json");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        com.fasterxml.jackson.databind.JsonNode profiles = json.readTree(list.out());
        assertThat(profiles.get("active").asText()).isEqualTo("default");
        assertThat(profiles.get("profiles")).hasSize(1);
        assertThat(profiles.get("profiles").get(0).get("server").asText()).isEqualTo("hearth.example.com:50051");
        assertThat(profiles.get("profiles").get(0).get("active").asBoolean()).isTrue();
        assertThat(list.out() + login.out()).doesNotContain(TOKEN);

        CliResult missing = run("", "--output", "json", "profiles", "show", "nope");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.out()).isEmpty();
        assertThat(json.readTree(missing.err()).get("error").get("code").asText())
                .isEqualTo("USAGE");
    }

    @Test
    void loginChecksTheTokenSavesAPrivateProfileAndLaterCallsUseIt() throws Exception {
        CliResult login = login();

        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(login.out())
                .contains("logged in to hearth.example.com:50051: profile 'default'", "(token: set)")
                .doesNotContain(TOKEN);
        assertThat(login.err()).doesNotContain(TOKEN);
        assertThat(headers).containsExactly("Bearer " + TOKEN);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configFile())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(configFile().getParent())))
                .isEqualTo("rwx------");
        assertThat(Files.readString(configFile())).contains("active = 'default'", TOKEN);

        CliResult list = run("", "leads", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(targets).last().isEqualTo("hearth.example.com:50051");
        assertThat(headers).last().isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void aTokenTheServerRefusesIsNotSaved() {
        CliResult login = run("hth_wrong-token-0123456789abcdef\n", "login", "--server", "h:1", "--token-stdin");

        assertThat(login.exitCode()).isEqualTo(1);
        assertThat(login.err()).contains("UNAUTHENTICATED").doesNotContain("hth_wrong");
        assertThat(configFile()).doesNotExist();
    }

    @Test
    void loginNeedsAServerAndOneToken() {
        assertThat(run(TOKEN, "login", "--token-stdin").err()).contains("--server HOST:PORT");
        assertThat(run("", "login", "--server", "h:1").err()).contains("login needs a token");
        assertThat(run("", "login", "--server", "h:1", "--token-stdin").err()).contains("no token on standard input");
        CliResult both = run(TOKEN, "login", "--server", "h:1", "--token-stdin", "--token-command", "true");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("give the token once");
        assertThat(run(TOKEN, "login", "--profile", "no/slash", "--server", "h:1", "--token-stdin")
                        .err())
                .contains("a profile name is");
        assertThat(configFile()).doesNotExist();
    }

    @Test
    void profilesListShowUseAndRemoveNeverShowTheToken() {
        login("--profile", "work");
        login("--profile", "lab", "--tls");

        CliResult list = run("", "profiles", "list");
        assertThat(list.out())
                .contains("NAME", "SERVER", "TOKEN")
                .containsPattern("\\*\\s+lab\\s+hearth.example.com:50051\\s+TLS\\s+set")
                .containsPattern("\\n\\s+work\\s+hearth.example.com:50051\\s+plaintext\\s+set")
                .doesNotContain(TOKEN);

        assertThat(run("", "profiles", "use", "work").out()).contains("active profile: work");
        CliResult show = run("", "profiles", "show");
        assertThat(show.out())
                .contains("profile: work (active)", "server: hearth.example.com:50051", "token: set")
                .doesNotContain(TOKEN);
        assertThat(run("", "profiles", "show", "lab").out()).contains("profile: lab\n", "tls: TLS");
        CliResult missing = run("", "profiles", "use", "nope");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no profile 'nope'");

        assertThat(run("", "profiles", "remove", "work").out()).contains("no profile is active now");
        CliResult left = run("", "profiles", "list");
        assertThat(left.out()).as(left.toString()).contains("lab").doesNotContain("work");
    }

    @Test
    void optionsBeatTheProfileAndAProfileIsNotUsedForAnotherServer() {
        login();

        run("", "leads", "list", "--token", "hth_from-the-option");
        assertThat(headers).last().isEqualTo("Bearer hth_from-the-option");

        CliResult elsewhere = run("", "leads", "list", "--server", "other.example.com:50051");
        assertThat(targets).last().isEqualTo("other.example.com:50051");
        assertThat(headers)
                .last()
                .as("the profile's token stays with its server")
                .isEqualTo("null");
        assertThat(elsewhere.exitCode()).isEqualTo(1);

        run("", "leads", "list", "--server", "hearth.example.com:50051");
        assertThat(headers).last().isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void aNamedProfileMustExistAndTheConfigOptionPicksAnotherFile() throws Exception {
        login("--profile", "work");
        Path elsewhere = home.resolve("elsewhere.toml");
        Files.move(configFile(), elsewhere);

        CliResult missing = run("", "leads", "list", "--profile", "work");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no profile 'work' in " + configFile());

        CliResult found = run("", "leads", "list", "--config", elsewhere.toString(), "--profile", "work");
        assertThat(found.exitCode()).as(found.toString()).isZero();
        assertThat(targets).last().isEqualTo("hearth.example.com:50051");
    }

    @Test
    void aTokenInAFileOthersMayReadIsRefusedSayingHowToFixIt() throws Exception {
        login();
        Files.setPosixFilePermissions(configFile(), PosixFilePermissions.fromString("rw-r--r--"));

        CliResult refused = run("", "leads", "list");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err())
                .contains("holds a token but others may read or change it (rw-r--r--)", "chmod 600 " + configFile())
                .doesNotContain(TOKEN);
        assertThat(headers).hasSize(1).as("no call was made with it");
    }

    @Test
    void aTokenCommandIsKeptInsteadOfTheTokenAndRunForEachCommand() throws Exception {
        Path secret = home.resolve("secret");
        Files.writeString(secret, TOKEN + "\n");
        CliResult login =
                run("", "login", "--server", "hearth.example.com:50051", "--token-command", "cat '" + secret + "'");

        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(login.out()).contains("(token: from the command: cat '" + secret + "')");
        assertThat(Files.readString(configFile())).doesNotContain(TOKEN).contains("token-command");
        Files.setPosixFilePermissions(configFile(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(run("", "leads", "list").exitCode())
                .as("a file without a token may be readable")
                .isZero();
        assertThat(headers).last().isEqualTo("Bearer " + TOKEN);

        Files.delete(secret);
        CliResult failing = run("", "leads", "list");
        assertThat(failing.exitCode()).isEqualTo(2);
        assertThat(failing.err()).contains("profile 'default': the token command failed (exit 1)", "No such file");
    }

    @Test
    void theFileIsFoundThroughXdgConfigHomeAndWrittenAsTomlThatReadsBack() throws Exception {
        Path xdg = home.resolve("xdg");
        variables.put("XDG_CONFIG_HOME", xdg.toString());
        login("--profile", "my.lab", "--tls");

        Path file = xdg.resolve("hearth/config.toml");
        assertThat(file).exists();
        ProfilesFile.Profiles read = new ProfilesFile(file).read();
        assertThat(read.active()).contains("my.lab");
        Profile work = read.byName().get("my.lab");
        assertThat(work.server()).contains("hearth.example.com:50051");
        assertThat(work.tls()).contains(true);
        assertThat(work.token()).contains(TOKEN);
        assertThat(work.tokenCommand()).isEmpty();
        assertThat(work.toString()).doesNotContain(TOKEN);
        assertThat(Optional.of(ProfilesFile.locate(null, name -> null).path()))
                .contains(Path.of(System.getProperty("user.home"), ".config", "hearth", "config.toml"));
    }

    @Test
    void aHandWrittenFileIsReadAndAWrongOneNamedWithoutQuotingIt() throws Exception {
        Path file = home.resolve("hand.toml");
        Files.writeString(file, """
                active = "lab"
                [profiles.lab]
                server = "lab.example.com:443"
                tls = true
                token-command = "pass show hearth"
                """);
        Profile lab = new ProfilesFile(file).read().byName().get("lab");
        assertThat(lab.tls()).contains(true);
        assertThat(lab.tokenSource()).isEqualTo("from the command: pass show hearth");

        Files.writeString(file, "[profiles.lab]\ntoken = \"hth_secret\n");
        CliResult broken = run("", "leads", "list", "--config", file.toString());
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).contains(file + ": not valid TOML").doesNotContain("hth_secret");
    }
}
