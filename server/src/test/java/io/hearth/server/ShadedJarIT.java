package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The shaded server jar carries the built-in connectors and every library they load at run time. */
class ShadedJarIT {
    @Test
    void builtInConnectorsAndTheirLibrariesAreInTheJar() throws IOException {
        try (JarFile jar = new JarFile(Path.of("target/hearth-server.jar").toFile())) {
            String services = new String(
                    jar.getInputStream(jar.getEntry("META-INF/services/io.hearth.connector.spi.Connector"))
                            .readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(services.lines())
                    .containsExactlyInAnyOrder(
                            "io.hearth.connector.csv.CsvConnector", "io.hearth.connector.xlsx.XlsxConnector");
            assertThat(jar.getEntry("org/apache/commons/csv/CSVParser.class")).isNotNull();
            assertThat(jar.getEntry("org/dhatim/fastexcel/reader/ReadableWorkbook.class"))
                    .isNotNull();
            assertThat(jar.getEntry("org/dhatim/fastexcel/Workbook.class"))
                    .as("the .xlsx writer")
                    .isNotNull();
        }
    }
}
