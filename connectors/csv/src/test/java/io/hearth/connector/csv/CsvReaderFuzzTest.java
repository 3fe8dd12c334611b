package io.hearth.connector.csv;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.ConnectorException;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.RejectedRecord;
import io.hearth.connector.spi.SourceRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any bytes, read as a CSV file through the connector's SPI entry points, give records and
 * rejected records or a {@link ConnectorException} with a message, never another exception; and
 * a reader reopened at a batch's cursor goes on with exactly the records a single read gave.
 *
 * <p>The input's last bytes choose the config (encoding, delimiter, id column, batch size), the
 * rest is the file. Under {@code ./mvnw verify} this replays the files in
 * {@code CsvReaderFuzzTestInputs/readsAnyBytes} (seeds and past findings); the module {@code fuzz/} then
 * fuzzes it (README, "Fuzz tests").
 */
class CsvReaderFuzzTest {
    private static final String[] ENCODINGS = {"UTF-8", "windows-1252", "UTF-16LE", "UTF-16BE", "ISO-8859-1"};
    private static final String[] DELIMITERS = {",", ";", "\\t", "tab", "|"};
    // one character a user might type: a quote, a line break, a space, a letter
    private static final String[] ODD_DELIMITERS = {"\"", "'", "\n", "\r", " ", "a", "#"};

    private static Path dir;
    private static Path file;
    private final CsvConnector connector = new CsvConnector();

    @BeforeAll
    static void makeFile() throws IOException {
        dir = Files.createTempDirectory("csv-fuzz-");
        file = dir.resolve("input.csv");
    }

    @AfterAll
    static void removeFile() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @FuzzTest(maxDuration = "30s")
    void readsAnyBytes(FuzzedDataProvider data) throws IOException {
        Map<String, String> config = new HashMap<>();
        config.put("path", file.toString());
        switch (data.consumeInt(0, 3)) {
            case 1 -> config.put("encoding", data.pickValue(ENCODINGS));
            case 2 -> config.put("encoding", data.consumeString(20));
            default -> {}
        }
        switch (data.consumeInt(0, 3)) {
            case 1 -> config.put("delimiter", data.pickValue(DELIMITERS));
            case 2 -> config.put("delimiter", data.pickValue(ODD_DELIMITERS));
            case 3 -> config.put("delimiter", Character.toString(data.consumeChar()));
            default -> {}
        }
        if (data.consumeInt(0, 3) == 0) {
            config.put("id_column", data.consumeString(20));
        }
        int batchSize = data.consumeInt(1, 50);
        Files.write(file, data.consumeRemainingAsBytes());

        if (!connector.validate(config).isEmpty()) {
            return; // the server refuses such a config before it opens a reader
        }
        List<SourceRecord> whole = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        try (RecordReader reader = connector.openReader(config, null)) {
            readAll(reader, batchSize, whole, cursors);
        } catch (ConnectorException e) {
            assertThat(e.getMessage()).as("the message of %s", e).isNotBlank();
            return;
        }
        // resuming at any cursor a batch returned goes on with the same records
        for (int i = 0; i < cursors.size() && i < 3; i++) {
            List<SourceRecord> rest = new ArrayList<>();
            try (RecordReader reader = connector.openReader(config, cursors.get(i))) {
                readAll(reader, batchSize, rest, new ArrayList<>());
            }
            int before = whole.size() - rest.size();
            assertThat(before).as("records before cursor %s", cursors.get(i)).isGreaterThanOrEqualTo(0);
            assertThat(rest).isEqualTo(whole.subList(before, whole.size()));
        }
    }

    private static void readAll(RecordReader reader, int batchSize, List<SourceRecord> records, List<String> cursors) {
        // a batch consumes at least one row, so a file of n bytes ends within n + 1 reads
        long bound;
        try {
            bound = Files.size(file) + 2;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (long reads = 0; ; reads++) {
            assertThat(reads).as("reads of a file that never ends").isLessThan(bound);
            Batch batch = reader.read(batchSize);
            assertThat(batch.records().size()).isLessThanOrEqualTo(batchSize);
            for (SourceRecord record : batch.records()) {
                assertThat(record.position()).isNotBlank();
            }
            for (RejectedRecord rejected : batch.rejected()) {
                assertThat(rejected.reason()).isNotBlank();
            }
            records.addAll(batch.records());
            if (batch.last()) {
                return;
            }
            cursors.add(batch.cursor());
        }
    }
}
