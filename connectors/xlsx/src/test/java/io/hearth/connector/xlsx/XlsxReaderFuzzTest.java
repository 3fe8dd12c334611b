package io.hearth.connector.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.ConnectorException;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.RejectedRecord;
import io.hearth.connector.spi.SourceRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any workbook read through the connector's SPI entry points gives records and rejected records
 * or a {@link ConnectorException} with a message, never another exception, and holds no more
 * than the limits allow (zip bombs are refused by {@link XlsxLimits}, which some inputs set low);
 * a reader reopened at a batch's cursor goes on with exactly the records a single read gave.
 *
 * <p>The input's last bytes choose the config and whether the rest is the file itself (any bytes:
 * the zip layer) or the text of a workbook's parts, separated by U+0001: the rows of the sheet
 * (between {@code <sheetData>} and its end), the shared strings (between {@code <sst>} and its
 * end), the cell formats (between {@code <cellXfs>} and its end), each written into a well-formed
 * zip, so that mutations reach the XML and the cells rather than stopping at the zip's checks.
 * Under {@code ./mvnw verify} this replays the files in {@code
 * XlsxReaderFuzzTestInputs/readsAnyWorkbook}; the module {@code fuzz/} then fuzzes it (README, "Fuzz tests").
 */
class XlsxReaderFuzzTest {
    private static final String[] SHEETS = {"Leads", "leads", "Sheet1", ""};
    private static final String[] ID_COLUMNS = {"Email", "Record ID", "nope"};

    private static Path dir;
    private static Path file;
    private final XlsxConnector connector = new XlsxConnector();

    @BeforeAll
    static void makeFile() throws IOException {
        dir = Files.createTempDirectory("xlsx-fuzz-");
        file = dir.resolve("input.xlsx");
    }

    @AfterAll
    static void removeFile() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({
        "<row r=\"2\">",
        "</row>",
        "<c r=\"A1\"",
        "<c r=\"XFD1048576\"",
        " t=\"s\">",
        " t=\"n\">",
        " t=\"b\">",
        " t=\"e\">",
        " t=\"str\">",
        " t=\"inlineStr\">",
        " t=\"d\">",
        " s=\"1\"",
        "<v>",
        "</v>",
        "</c>",
        "<f>",
        "</f>",
        "<is><t>",
        "</t></is>",
        "<si><t>",
        "</t></si>",
        "<r><t>",
        "</t></r>",
        "<xf numFmtId=\"14\"/>",
        "<xf numFmtId=\"164\"/>",
        "</cellXfs><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts><cellXfs>",
        "&#x",
        "&amp;",
        "1E999999999",
        "-1E-999999999",
        "2958466",
        "4294967296",
        "NaN"
    })
    void readsAnyWorkbook(FuzzedDataProvider data) throws IOException {
        boolean raw = data.consumeInt(0, 3) == 0;
        Map<String, String> config = new HashMap<>();
        config.put("path", file.toString());
        if (data.consumeInt(0, 3) == 0) {
            config.put("sheet", data.pickValue(SHEETS));
        }
        if (data.consumeInt(0, 3) == 0) {
            config.put("id_column", data.pickValue(ID_COLUMNS));
        }
        if (data.consumeInt(0, 3) == 0) {
            // low limits, so that small inputs reach the refusals a zip bomb meets
            config.put(XlsxLimits.MAX_PART_BYTES.name(), Integer.toString(data.consumeInt(1, 1 << 16)));
            config.put(XlsxLimits.MAX_CELL_CHARS.name(), Integer.toString(data.consumeInt(1, 1 << 10)));
            config.put(XlsxLimits.MAX_ROWS.name(), Integer.toString(data.consumeInt(1, 1 << 10)));
            config.put(XlsxLimits.MAX_COLUMNS.name(), Integer.toString(data.consumeInt(1, 1 << 10)));
            config.put(XlsxLimits.MAX_SHARED_STRINGS.name(), Integer.toString(data.consumeInt(1, 1 << 10)));
            config.put(XlsxLimits.MAX_SHARED_STRING_CHARS.name(), Integer.toString(data.consumeInt(1, 1 << 12)));
        }
        int batchSize = data.consumeInt(1, 50);
        byte[] rest = data.consumeRemainingAsBytes();
        if (raw) {
            Files.write(file, rest);
        } else {
            String[] parts = new String(rest, StandardCharsets.UTF_8).split("\u0001", -1);
            HandMadeWorkbook workbook = new HandMadeWorkbook().sheetData(out -> out.write(parts[0]));
            if (parts.length > 1) {
                workbook.sharedStrings(out -> out.write(parts[1]));
            }
            if (parts.length > 2) {
                workbook.cellFormats(out -> out.write(parts[2]));
            }
            workbook.write(file);
        }

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
        // resuming at a cursor a batch returned goes on with the same records
        if (!cursors.isEmpty()) {
            String cursor = cursors.get(cursors.size() / 2);
            List<SourceRecord> resumed = new ArrayList<>();
            try (RecordReader reader = connector.openReader(config, cursor)) {
                readAll(reader, batchSize, resumed, new ArrayList<>());
            }
            int before = whole.size() - resumed.size();
            assertThat(before).as("records before cursor %s", cursor).isGreaterThanOrEqualTo(0);
            assertThat(resumed).isEqualTo(whole.subList(before, whole.size()));
        }
    }

    private static void readAll(RecordReader reader, int batchSize, List<SourceRecord> records, List<String> cursors) {
        // a batch that is not the last consumes at least one row, and rows are bounded by max_rows
        long bound = XlsxLimits.DEFAULTS.maxRows() + 2;
        for (long reads = 0; ; reads++) {
            assertThat(reads).as("reads of a sheet that never ends").isLessThan(bound);
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
