package io.hearth.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's "Error reasons" table is the contract clients read: it must list every reason the
 * server can send ({@link ErrorReason}, which every failure takes), each with its status code and
 * metadata keys, and nothing else.
 */
class ErrorReasonTableTest {

    private static final Pattern CODE = Pattern.compile("`([a-z_A-Z]+)`");

    private record Row(String code, Set<String> metadata) {}

    @Test
    void theReadmeTableListsEveryReasonWithItsCodeAndMetadataAndNothingElse() throws IOException {
        Map<String, Row> table = readmeTable();

        Map<String, Row> reasons = new LinkedHashMap<>();
        for (ErrorReason reason : ErrorReason.values()) {
            reasons.put(reason.name(), new Row(reason.kind().name(), new TreeSet<>(reason.metadataKeys())));
        }
        assertThat(table).containsExactlyInAnyOrderEntriesOf(reasons);
    }

    @Test
    void everyKindOfFailureHasAReason() {
        assertThat(Arrays.stream(ErrorReason.values()).map(ErrorReason::kind).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(HearthException.Kind.values());
    }

    /** Reason → (code, metadata keys), from the rows under the "Error reasons" heading. */
    static Map<String, Row> readmeTable() throws IOException {
        List<String> lines = Files.readAllLines(readme(), StandardCharsets.UTF_8);
        int heading = lines.indexOf("### Error reasons");
        assertThat(heading).as("the README has a '### Error reasons' section").isNotNegative();
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : lines.subList(heading + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|", -1);
            // "", reason, code, meaning, metadata, ""
            assertThat(cells).as(line).hasSize(6);
            String reason = only(cells[1], line);
            Set<String> metadata = new TreeSet<>();
            Matcher keys = CODE.matcher(cells[4]);
            while (keys.find()) {
                metadata.add(keys.group(1));
            }
            Row previous = rows.put(reason, new Row(only(cells[2], line), metadata));
            assertThat(previous).as("%s listed twice", reason).isNull();
        }
        return rows;
    }

    private static String only(String cell, String line) {
        Matcher matcher = CODE.matcher(cell);
        assertThat(matcher.find()).as("a `NAME` in '%s' of %s", cell, line).isTrue();
        return matcher.group(1);
    }

    /** The repository's README, found from the module directory the tests run in. */
    private static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("README.md");
            if (Files.isRegularFile(candidate) && Files.isDirectory(dir.resolve("core"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "no README.md beside a core/ directory above " + Path.of("").toAbsolutePath());
    }
}
