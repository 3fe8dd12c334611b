package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The root command: global options, help, version and usage errors. */
class HearthCliTest {

    @RegisterExtension
    final InProcessHearth hearth = new InProcessHearth();

    static Stream<List<String>> serverOptionPlacements() {
        return Stream.of(
                List.of("--server", "hearth.example:443", "leads", "get", "ada1"),
                List.of("leads", "--server", "hearth.example:443", "get", "ada1"),
                List.of("leads", "get", "ada1", "--server=hearth.example:443"));
    }

    @ParameterizedTest
    @MethodSource("serverOptionPlacements")
    void serverOptionWorksAnywhereOnTheCommandLine(List<String> args) {
        CliResult result = hearth.run(args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.targets()).containsExactly("hearth.example:443");
    }

    @Test
    void serverDefaultsToLocalhost() {
        assumeTrue(System.getenv("HEARTH_SERVER") == null, "HEARTH_SERVER overrides the default");

        hearth.run("leads", "get", "ada1");

        assertThat(hearth.targets()).containsExactly("localhost:50051");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "JSON"})
    void outputOptionBeforeTheSubcommandSelectsJson(String format) {
        CliResult result = hearth.run("--output", format, "leads", "get", "ada1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("{").contains("\"name\": \"leads/ada1\"");
    }

    @Test
    void unknownOutputFormatIsAUsageError() {
        CliResult result = hearth.run("leads", "get", "ada1", "--output", "yaml");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Invalid value for option '--output'");
        assertThat(hearth.service.requests()).isEmpty();
    }

    static Stream<List<String>> everyCommand() {
        return Stream.of(
                List.of(),
                List.of("leads"),
                List.of("leads", "create"),
                List.of("leads", "get"),
                List.of("leads", "list"),
                List.of("leads", "update"),
                List.of("leads", "archive"),
                List.of("leads", "restore"),
                List.of("leads", "profile"),
                List.of("leads", "qualify"),
                List.of("leads", "override"),
                List.of("queue"),
                List.of("agenda"),
                List.of("stats"),
                List.of("stats", "response"));
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void everyCommandHasHelpListingTheGlobalOptions(List<String> command) {
        CliResult result =
                hearth.run(Stream.concat(command.stream(), Stream.of("--help")).toArray(String[]::new));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .startsWith(String.join(
                        " ",
                        Stream.concat(Stream.of("Usage: hearth"), command.stream())
                                .toList()))
                .contains("--server=HOST:PORT", "--output=FORMAT", "--version");
        assertThat(hearth.targets()).isEmpty();
    }

    @Test
    void listHelpShowsTheEnumChoicesInCliSpelling() {
        CliResult result = hearth.run("leads", "list", "--help");

        assertThat(result.out()).contains("--page-token=TOKEN", "web-form, referral", "new, contacted", "hot, warm");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void versionNamesTheBuiltProjectVersion(String option) {
        CliResult result = hearth.run("leads", "list", option);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().strip()).matches("hearth \\d+\\.\\d+\\.\\d+\\S*");
    }

    @Test
    void theTopLevelVersionShortcutPrintsWhatPicocliPrints() {
        StringWriter shortcut = new StringWriter();
        PrintWriter out = new PrintWriter(shortcut);
        HearthCli.printVersion(out);
        out.flush();

        assertThat(shortcut.toString()).isEqualTo(hearth.run("--version").out());
        assertThat(HearthCli.isVersionOnly(new String[] {"--version"})).isTrue();
        assertThat(HearthCli.isVersionOnly(new String[] {"-V"})).isTrue();
        assertThat(HearthCli.isVersionOnly(new String[] {"leads", "--version"})).isFalse();
        assertThat(HearthCli.isVersionOnly(new String[] {"--version", "--server", "x:1"}))
                .as("anything more is picocli's to read")
                .isFalse();
        assertThat(HearthCli.isVersionOnly(new String[0])).isFalse();
    }

    @Test
    void qualifyAndAgendaHelpShowTheirChoices() {
        assertThat(hearth.run("leads", "qualify", "--help").out())
                .contains("--budget=ANSWER", "yes, no or unknown", "--need-by=DATE");
        assertThat(hearth.run("agenda", "--help").out())
                .contains("--duration=CHANNEL=TIME", "phone, email, postcard, meeting,");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "leads", "stats"})
    void aMissingSubcommandIsAUsageError(String command) {
        CliResult result = hearth.run(command.isEmpty() ? new String[0] : new String[] {command});

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Missing required subcommand");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliResult result = hearth.run("leads", "list", "--colour");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Unknown option: '--colour'");
        assertThat(hearth.targets()).isEmpty();
    }

    @Test
    void theChannelIsShutDownAfterACall() {
        hearth.run("leads", "get", "ada1");

        assertThat(hearth.channels()).hasSize(1).allMatch(ManagedChannel::isShutdown);
    }

    @Test
    void theChannelIsShutDownAfterAFailedCall() {
        hearth.service.failure = Status.INTERNAL.asRuntimeException();

        CliResult result = hearth.run("leads", "get", "ada1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(hearth.channels()).hasSize(1).allMatch(ManagedChannel::isShutdown);
    }
}
