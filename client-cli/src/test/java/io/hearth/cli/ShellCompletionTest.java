package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth completion}: the scripts are generated, parse, and complete what they should. */
class ShellCompletionTest {

    private final InProcessHearth hearth = new InProcessHearth();

    @TempDir
    Path dir;

    @Test
    void theBashScriptParsesAndCompletesSubcommandsAndEnumChoicesInCliSpelling() throws Exception {
        CliResult result = hearth.run("completion", "bash");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        Path script = Files.writeString(dir.resolve("hearth.bash"), result.out());
        assertThat(bash("bash -n " + script).exitCode()).isZero();

        assertThat(complete(script, "hearth", "le")).containsExactly("leads");
        assertThat(complete(script, "hearth", "leads", "li")).containsExactly("list");
        assertThat(complete(script, "hearth", "connectors", "")).containsExactly("list");
        assertThat(complete(script, "hearth", "leads", "create", "--source", "web-"))
                .containsExactly("web-form");
        assertThat(complete(script, "hearth", "leads", "list", "--status", "qua"))
                .containsExactly("qualified");
        assertThat(complete(script, "hearth", "completion", "")).containsExactly("bash", "zsh", "fish");
    }

    @Test
    void zshGetsTheBashScriptWhichLoadsBashcompinitItself() {
        CliResult zsh = hearth.run("completion", "zsh");

        assertThat(zsh.exitCode()).isZero();
        assertThat(zsh.out()).isEqualTo(hearth.run("completion", "bash").out()).contains("bashcompinit");
    }

    @Test
    void theFishScriptNamesEveryPathAndOffersEnumChoicesInCliSpelling() {
        CliResult result = hearth.run("completion", "fish");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines)
                .contains("complete -c hearth -f")
                .anyMatch(line -> line.startsWith("complete -c hearth -n '__hearth_at \\'\\'' -a 'leads'"))
                .anyMatch(line -> line.startsWith("complete -c hearth -n '__hearth_at \\'leads\\'' -a 'list'"))
                .anyMatch(line -> line.startsWith("complete -c hearth -n '__hearth_at \\'connectors\\'' -a 'list'"))
                .anyMatch(line -> line.startsWith("complete -c hearth -l output -r"))
                .anyMatch(line -> line.startsWith("complete -c hearth -n '__hearth_in \\'leads create\\'' -l source -r")
                        && line.contains("web-form")
                        && !line.contains("LEAD_SOURCE"))
                .anyMatch(line -> line.startsWith("complete -c hearth -n '__hearth_in \\'import\\'' -F"));
        // inherited options are written once, at the root
        assertThat(lines.stream().filter(line -> line.contains(" -l server "))).hasSize(1);
        // every line is a comment, blank, fish function syntax or a complete command with balanced quotes
        for (String line : lines) {
            if (line.startsWith("complete ")) {
                assertThat(line.replace("\\\\", "")
                                        .replace("\\'", "")
                                        .chars()
                                        .filter(c -> c == '\'')
                                        .count()
                                % 2)
                        .as(line)
                        .isZero();
            }
        }
    }

    @Test
    void anUnknownShellIsAOneLineUsageError() {
        CliResult result = hearth.run("completion", "powershell");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines()).hasSize(2);
        assertThat(result.err()).contains("powershell").contains("hint: run 'hearth completion --help'");
    }

    /** What the bash script offers for the last word of {@code words} (compopt complains outside a real completion). */
    private List<String> complete(Path script, String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String word : words) {
            array.append("'").append(word).append("' ");
        }
        BashResult result = bash(
                "source " + script + "; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                        + "; COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; _complete_hearth 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"");
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output()
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
    }

    private record BashResult(int exitCode, String output) {}

    private BashResult bash(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", command)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new BashResult(process.exitValue(), output);
    }
}
