package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * A run builds only the commands its arguments name ({@link CommandTree}); whatever the arguments,
 * it prints and returns what a run with the whole tree prints and returns.
 */
class CommandTreeTest {

    @RegisterExtension
    final InProcessHearth hearth = new InProcessHearth();

    /** Every command of the whole tree, as the words that name it. */
    static List<List<String>> everyCommand() {
        List<List<String>> commands = new ArrayList<>();
        collect(CommandTree.whole(root()), List.of(), commands);
        return commands;
    }

    private static HearthCli root() {
        return new HearthCli(CliEnvironment.standard(ChannelFactory.NETWORK));
    }

    private static void collect(CommandLine command, List<String> words, List<List<String>> commands) {
        commands.add(words);
        command.getSubcommands().forEach((name, sub) -> {
            List<String> longer = new ArrayList<>(words);
            longer.add(name);
            collect(sub, longer, commands);
        });
    }

    static Stream<List<String>> argumentsForEveryCommand() {
        // each side builds a tree per run: a few arguments per command keep this quick
        return everyCommand().stream()
                .flatMap(words -> Stream.of(
                        with(List.of("--server", "127.0.0.1:1"), words, "--help"),
                        with(List.of("--output", "json"), words, "--colour")));
    }

    private static List<String> with(List<String> before, List<String> words, String... after) {
        List<String> args = new ArrayList<>(before);
        args.addAll(words);
        args.addAll(List.of(after));
        return args;
    }

    static Stream<List<String>> callsAndOddities() {
        return Stream.of(
                List.of("leads", "get", "ada1"),
                List.of("--output", "json", "leads", "get", "ada1"),
                List.of("--server", "h:1", "leads", "--output=json", "get", "ada1"),
                List.of("leads", "list", "--status", "new", "--temperature", "HOT", "--source", "web-form"),
                List.of("leads", "list", "--status", "nope"),
                List.of("leads", "list", "extra"),
                List.of("leads", "lsit"),
                List.of("leds", "list"),
                List.of("--tls", "leads", "get", "ada1", "--ca-cert", "/nonexistent/ca.pem"),
                List.of("--token", "queue", "leads", "list"),
                List.of("--server", "--output", "leads", "list"),
                List.of("--server"),
                List.of("leads", "--server"),
                List.of("leads", "get"),
                List.of("--", "leads", "list"),
                List.of("@/nonexistent/args", "leads", "list"),
                List.of("queue", "--limit", "2"),
                List.of("admin", "tokens", "list", "--help"),
                List.of("completion", "bash"),
                List.of("completion", "fish"),
                List.of("-hV"),
                List.of("leads", "list", "-h"),
                List.of("leads", "list", "--version"),
                List.of("leads", "list", "--colour"),
                List.of("leads", "list", "--output", "yaml"),
                List.of("--token=t", "leads", "list", "--server", "leads"),
                List.of("sync", "runs", "--help"),
                List.of("connectors", "list", "--help"),
                List.of());
    }

    @ParameterizedTest
    @MethodSource({"argumentsForEveryCommand", "callsAndOddities"})
    void aRunPrintsWhatItPrintsWithTheWholeTree(List<String> args) {
        CliResult whole = hearth.run(true, args.toArray(String[]::new));
        CliResult path = hearth.run(false, args.toArray(String[]::new));

        assertThat(path).isEqualTo(whole);
    }

    @Test
    void aCallBuildsOnlyTheCommandsItNames() {
        CommandLine root = CommandTree.forArgs(root(), new String[] {"--server", "h:1", "leads", "list", "--all"});

        assertThat(root.getSubcommands()).containsOnlyKeys("leads");
        assertThat(root.getSubcommands().get("leads").getSubcommands()).containsOnlyKeys("list");
    }

    @Test
    void helpAndErrorsAboveTheLastCommandBuildTheWholeTree() {
        for (String[] args : List.of(
                new String[] {"--help"},
                new String[] {"leads"},
                new String[] {"leads", "-h"},
                new String[] {"leads", "lsit"},
                new String[] {"--token", "queue", "leads", "list"},
                new String[] {"@args"},
                new String[] {"completion", "bash"})) {
            assertThat(CommandTree.forArgs(root(), args).getSubcommands())
                    .as(String.join(" ", args))
                    .hasSize(CommandTree.SUBCOMMANDS.get(HearthCli.class).size());
        }
    }

    @Test
    void noCommandDeclaresItsSubcommandsInItsAnnotation() {
        // they would be built on every run; the tree is CommandTree.SUBCOMMANDS
        CommandTree.SUBCOMMANDS.values().stream()
                .flatMap(List::stream)
                .forEach(command -> assertThat(
                                command.getAnnotation(Command.class).subcommands())
                        .as(command.getName())
                        .isEmpty());
        CommandTree.SUBCOMMANDS
                .keySet()
                .forEach(command -> assertThat(
                                command.getAnnotation(Command.class).subcommands())
                        .as(command.getName())
                        .isEmpty());
    }
}
