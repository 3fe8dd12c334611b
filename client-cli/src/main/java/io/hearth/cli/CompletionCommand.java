package io.hearth.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hearth completion SHELL}: the completion script for bash, zsh or fish, on stdout. Bash and
 * zsh share picocli's script (it loads zsh's bashcompinit itself); fish gets one written from the
 * same command tree ({@link FishCompletion}). Both complete commands, options and the choices of
 * enum options (sources, statuses, temperatures, channels); files complete where a file is asked.
 */
@Command(
        name = "completion",
        description = "Print the shell completion script for bash, zsh or fish.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  # bash: in ~/.bashrc",
            "  source <(hearth completion bash)",
            "  # zsh: in ~/.zshrc",
            "  source <(hearth completion zsh)",
            "  # fish",
            "  hearth completion fish > ~/.config/fish/completions/hearth.fish"
        })
final class CompletionCommand implements Callable<Integer> {

    enum Shell {
        BASH,
        ZSH,
        FISH
    }

    /** The shells as typed, for completion and help. */
    static final class ShellNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Shell.values())
                    .map(shell -> shell.name().toLowerCase(Locale.ROOT))
                    .iterator();
        }
    }

    @Parameters(
            paramLabel = "SHELL",
            completionCandidates = ShellNames.class,
            description = "${COMPLETION-CANDIDATES}.")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        String script = switch (shell) {
            case BASH, ZSH -> AutoComplete.bash(root.getCommandName(), root);
            case FISH -> FishCompletion.script(root.getCommandSpec());
        };
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return CommandLine.ExitCode.OK;
    }
}
