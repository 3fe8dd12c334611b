package io.hearth.connector.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles the example connector in README.md against the SPI alone and runs it, so the README stays true. */
class ReadmeExampleTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void readmeExampleCompilesAgainstTheSpiAndReadsInBatchesWithACursor(@TempDir Path work) throws Exception {
        Matcher block = JAVA_BLOCK.matcher(Files.readString(Path.of("README.md")));
        assertThat(block.find()).as("README.md has a java example").isTrue();
        Path source = work.resolve("src/example/EmailListConnector.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, block.group(1));
        Path classes = Files.createDirectories(work.resolve("classes"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "-cp",
                Path.of("target/classes").toString(),
                source.toString());
        assertThat(status).as("javac exit status").isZero();

        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Connector connector = (Connector) loader.loadClass("example.EmailListConnector")
                    .getConstructor()
                    .newInstance();
            assertThat(connector.fileExtensions())
                    .as("an optional ability it does not take up")
                    .isEmpty();
            assertThat(connector.validate(Map.of()))
                    .extracting(ConfigProblem::key)
                    .containsExactly("emails");
            Map<String, String> config = Map.of("emails", "a@example.com, b@example.com,c@example.com");
            assertThat(connector.validate(config)).isEmpty();

            Batch first;
            try (RecordReader reader = connector.openReader(config, null)) {
                first = reader.read(2);
            }
            assertThat(first.records())
                    .extracting(SourceRecord::externalId)
                    .containsExactly("a@example.com", "b@example.com");
            assertThat(first.last()).isFalse();

            try (RecordReader resumed = connector.openReader(config, first.cursor())) {
                Batch rest = resumed.read(2);
                assertThat(rest.records())
                        .extracting(r -> r.fields().get(StandardFields.EMAIL))
                        .containsExactly("c@example.com");
                assertThat(rest.last()).isTrue();
            }
        }
    }
}
