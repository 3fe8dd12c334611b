package io.hearth.connector.xlsx;

import static io.hearth.connector.xlsx.HandMadeWorkbook.repeat;
import static io.hearth.connector.xlsx.HandMadeWorkbook.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.ConfigProblem;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.SourceRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workbooks that unzip to far more than they weigh, or past what a sheet can hold, fail with a
 * message naming the bound and its config key, having held no more than a little of them.
 */
class XlsxLimitsTest {
    private static final long MiB = 1 << 20;
    private final XlsxConnector connector = new XlsxConnector();

    @TempDir
    Path dir;

    /** The case: a cell of 200 MB in a file of a few hundred kilobytes. */
    @Test
    void aCellThatUnzipsToHundredsOfMegabytesFailsWithoutBeingHeld() throws Exception {
        Path file = new HandMadeWorkbook()
                .sheetData(out -> {
                    out.write(row(1, "First Name", "Notes"));
                    out.write("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Ada</t></is></c>"
                            + "<c r=\"B2\" t=\"inlineStr\"><is><t>");
                    repeat(out, 'a', 200 * MiB);
                    out.write("</t></is></c></row>");
                })
                .write(dir.resolve("bomb.xlsx"));
        assertThat(Files.size(file)).isLessThan(MiB);

        long allocated = allocatedDuring(() -> assertFailsWith(
                file,
                Map.of(),
                "cell B2 of sheet 'Leads' holds more than 32,767 characters (max_cell_chars); "
                        + "raise it if the file is genuine"));

        assertThat(allocated).as("bytes allocated while reading").isLessThan(32 * MiB);
    }

    @Test
    void sharedStringsThatUnzipToHundredsOfMegabytesFailWithoutBeingHeld() throws Exception {
        String string = "<si><t>" + "b".repeat(1000) + "</t></si>";
        Path file = new HandMadeWorkbook()
                .sheetData(out -> out.write(
                        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>" + "</row>"))
                .sharedStrings(out -> repeat(out, string, 200 * MiB / string.length()))
                .write(dir.resolve("strings.xlsx"));
        assertThat(Files.size(file)).isLessThan(MiB);

        long allocated = allocatedDuring(() -> assertFailsWith(
                file,
                Map.of(),
                "the shared-strings table holds more than 67,108,864 characters (max_shared_string_chars); "
                        + "raise it if the file is genuine"));

        assertThat(allocated).as("bytes allocated while reading").isLessThan(32 * MiB);
    }

    /** Nothing but whitespace, so only the size bound can stop it; the zip even claims 1,000 bytes. */
    @Test
    void aPartThatUnzipsPastItsBoundFailsWhateverSizeTheZipDeclares() throws Exception {
        Path file = new HandMadeWorkbook()
                .sheetData(out -> {
                    out.write(row(1, "First Name", "Email"));
                    repeat(out, ' ', 200 * MiB);
                })
                .write(dir.resolve("spaces.xlsx"));
        HandMadeWorkbook.declareSize(file, "xl/worksheets/sheet1.xml", 1000);
        assertThat(Files.size(file)).isLessThan(MiB);

        long allocated = allocatedDuring(() -> assertFailsWith(
                file,
                Map.of(),
                "sheet 'Leads' expands past 100 MiB (max_part_bytes); raise it if the file is genuine"));

        assertThat(allocated).as("bytes allocated while reading").isLessThan(32 * MiB);
    }

    /** fastexcel never reads an image, but every entry is counted: no need to agree on what it reads. */
    @Test
    void everyEntryCountsNotOnlyTheSheet() throws Exception {
        Path file = new HandMadeWorkbook()
                .sheetData(out -> out.write(row(1, "First Name", "Email") + row(2, "Ada", "ada@example.com")))
                .entry("xl/media/image1.png", out -> repeat(out, (char) 0, 65 * 1024))
                .write(dir.resolve("image.xlsx"));

        assertFailsWith(
                file,
                Map.of("max_part_bytes", "65536"),
                "part 'xl/media/image1.png' expands past 64 KiB (max_part_bytes); raise it if the file is genuine");
        assertThat(read(file, Map.of("max_part_bytes", "66560")).records()).hasSize(1);
    }

    @Test
    void aCellPastTheCharacterBoundFailsAndOneAtItReads() throws Exception {
        Path file = new HandMadeWorkbook()
                .sheetData(out -> out.write(
                        row(1, "First Name", "Notes") + row(2, "Ada", "0123456789") + row(3, "Alan", "0123456789a")))
                .write(dir.resolve("cells.xlsx"));
        Path atTheBound = new HandMadeWorkbook()
                .sheetData(out -> out.write(row(1, "First Name", "Notes") + row(2, "Ada", "0123456789")))
                .write(dir.resolve("fine.xlsx"));

        assertFailsWith(
                file,
                Map.of("max_cell_chars", "10"),
                "cell B3 of sheet 'Leads' holds more than 10 characters (max_cell_chars); raise it if the file is genuine");
        assertThat(read(atTheBound, Map.of("max_cell_chars", "10")).records())
                .extracting(r -> r.fields().get("Notes"))
                .containsExactly("0123456789");
    }

    /** An entity is one character, as the cell holds it; {@code &amp;} is not five. */
    @Test
    void aCellIsMeasuredAsItReads() throws Exception {
        Path file = new HandMadeWorkbook()
                .sheetData(out -> out.write(row(1, "First Name", "Notes") + row(2, "Ada", "&amp;&lt;&#x1F600;1234567")))
                .write(dir.resolve("entities.xlsx"));

        assertThat(read(file, Map.of("max_cell_chars", "11")).records())
                .extracting(r -> r.fields().get("Notes"))
                .containsExactly("&<\uD83D\uDE001234567");
        assertFailsWith(
                file,
                Map.of("max_cell_chars", "10"),
                "cell B2 of sheet 'Leads' holds more than 10 characters (max_cell_chars); raise it if the file is genuine");
    }

    /** A part is measured in the encoding a parser reads it in, here UTF-16 with a byte order mark. */
    @Test
    void aSheetInAnotherEncodingIsMeasuredToo() throws Exception {
        Path file = new HandMadeWorkbook()
                .sheetEncoding(StandardCharsets.UTF_16)
                .sheet(out -> out.write(
                        "<?xml version=\"1.0\" encoding=\"UTF-16\"?><worksheet xmlns=\"" + HandMadeWorkbook.MAIN + "\">"
                                + "<sheetData>" + row(1, "First Name", "Notes") + row(2, "Zoë", "0123456789a")
                                + "</sheetData></worksheet>"))
                .write(dir.resolve("utf16.xlsx"));

        assertThat(read(file, Map.of("max_cell_chars", "11")).records())
                .extracting(r -> r.fields().get("Notes"))
                .containsExactly("0123456789a");
        assertFailsWith(
                file,
                Map.of("max_cell_chars", "10"),
                "cell B2 of sheet 'Leads' holds more than 10 characters (max_cell_chars); raise it if the file is genuine");
    }

    @Test
    void aSharedStringPastTheCharacterBoundFails() throws Exception {
        Path file = workbook(sheet -> {
            sheet.value(0, 0, "First Name");
            sheet.value(0, 1, "Notes");
            sheet.value(1, 0, "Ada");
            sheet.value(1, 1, "0123456789a");
        });

        assertFailsWith(
                file,
                Map.of("max_cell_chars", "10"),
                "a shared string holds more than 10 characters (max_cell_chars); raise it if the file is genuine");
    }

    @Test
    void rowsPastTheBoundFailByCountOrByNumber() throws Exception {
        Path file = workbook(sheet -> {
            sheet.value(0, 0, "First Name");
            sheet.value(0, 1, "Email");
            for (int i = 1; i <= 3; i++) {
                sheet.value(i, 0, "P" + i);
                sheet.value(i, 1, "p" + i + "@example.com");
            }
        });
        Path farDown = new HandMadeWorkbook()
                .sheetData(out -> out.write(row(1, "First Name", "Email") + row(1_048_577, "Ada", "ada@example.com")))
                .write(dir.resolve("far-down.xlsx"));

        assertFailsWith(
                file,
                Map.of("max_rows", "3"),
                "sheet 'Leads' has more than 3 rows (max_rows); raise it if the file is genuine");
        assertThat(read(file, Map.of("max_rows", "4")).records()).hasSize(3);
        assertFailsWith(
                farDown,
                Map.of(),
                "sheet 'Leads' has more than 1,048,576 rows (max_rows); raise it if the file is genuine");
    }

    /**
     * fastexcel keeps a row's cells in a list as long as its last column, so one cell far to the
     * right would cost that much memory: {@code AAAAAA} is column 12,356,631.
     */
    @Test
    void columnsPastTheBoundFailByCountOrByReference() throws Exception {
        Path file = workbook(sheet -> {
            for (int i = 0; i < 4; i++) {
                sheet.value(0, i, "Column " + i);
                sheet.value(1, i, "value " + i);
            }
        });
        Path farRight = new HandMadeWorkbook()
                .sheetData(out -> out.write(row(1, "First Name", "Email")
                        + "<row r=\"2\"><c r=\"AAAAAA2\" t=\"inlineStr\"><is><t>x</t></is></c></row>"))
                .write(dir.resolve("far-right.xlsx"));

        assertFailsWith(
                file,
                Map.of("max_columns", "3"),
                "sheet 'Leads' has more than 3 columns (max_columns); raise it if the file is genuine");
        assertThat(read(file, Map.of("max_columns", "4")).records())
                .singleElement()
                .satisfies(r -> assertThat(r.fields()).hasSize(4));
        assertFailsWith(
                farRight,
                Map.of(),
                "sheet 'Leads' has more than 16,384 columns (max_columns); raise it if the file is genuine");
    }

    @Test
    void sharedStringsPastTheirBoundsFail() throws Exception {
        Path file = workbook(sheet -> {
            sheet.value(0, 0, "First Name");
            sheet.value(0, 1, "Email");
            sheet.value(1, 0, "Ada");
            sheet.value(1, 1, "ada@example.com");
        });

        assertFailsWith(
                file,
                Map.of("max_shared_strings", "3"),
                "the shared-strings table holds more than 3 strings (max_shared_strings); raise it if the file is genuine");
        assertFailsWith(
                file,
                Map.of("max_shared_string_chars", "30"),
                "the shared-strings table holds more than 30 characters (max_shared_string_chars); "
                        + "raise it if the file is genuine");
        assertThat(read(file, Map.of("max_shared_strings", "4", "max_shared_string_chars", "33"))
                        .records())
                .extracting(r -> r.fields().get("Email"))
                .containsExactly("ada@example.com");
    }

    /** A document type declaration is how entity-expansion bombs are built; OPC forbids it in any part. */
    @Test
    void aDocumentTypeDeclarationIsRefused() throws Exception {
        Path file = new HandMadeWorkbook()
                .sheet(out -> out.write("<?xml version=\"1.0\"?>"
                        + "<!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                        + "<worksheet xmlns=\"" + HandMadeWorkbook.MAIN + "\"><sheetData>"
                        + row(1, "First Name", "Notes")
                        + row(2, "Ada", "&b;") + "</sheetData></worksheet>"))
                .write(dir.resolve("dtd.xlsx"));

        assertFailsWith(file, Map.of(), "sheet 'Leads' has a document type declaration, which no .xlsx part may have");
    }

    /**
     * A parser holds a tag whole and keeps a frame per open element, and fastexcel keeps every cell
     * format, so none of them may grow without end.
     */
    @Test
    void endlessTagsNestingAndListsAreRefused() throws Exception {
        Path longTag = new HandMadeWorkbook()
                .sheetData(out -> {
                    out.write(row(1, "First Name", "Notes") + "<row r=\"2\" spans=\"");
                    repeat(out, '1', 2 * MiB);
                    out.write("\"/>");
                })
                .write(dir.resolve("tag.xlsx"));
        Path deep = new HandMadeWorkbook()
                .sheetData(out -> {
                    out.write(row(1, "First Name", "Notes"));
                    repeat(out, "<x>", WorkbookGuard.MAX_DEPTH);
                    repeat(out, "</x>", WorkbookGuard.MAX_DEPTH);
                })
                .write(dir.resolve("deep.xlsx"));
        Path formats = new HandMadeWorkbook()
                .sheetData(out -> out.write(row(1, "First Name", "Email")))
                .cellFormats(out -> repeat(out, "<xf numFmtId=\"0\"/>", WorkbookGuard.MAX_LISTED + 1))
                .write(dir.resolve("formats.xlsx"));

        assertFailsWith(
                longTag,
                Map.of(),
                "sheet 'Leads' has an XML tag longer than 1,048,576 characters, which no spreadsheet program writes");
        assertFailsWith(
                deep,
                Map.of(),
                "sheet 'Leads' nests XML elements more than 10,000 deep, which no spreadsheet program writes");
        assertFailsWith(
                formats,
                Map.of(),
                "part 'xl/styles.xml' lists more than 200,000 xf elements, which no spreadsheet program writes");
    }

    /** What Hearth exports, and what spreadsheet programs save, reads within the defaults. */
    @Test
    void genuineWorkbooksReadWithinTheDefaults() throws Exception {
        Path file = workbook(sheet -> {
            sheet.value(0, 0, "First Name");
            sheet.value(0, 1, "Email");
            for (int i = 1; i <= 2000; i++) {
                sheet.value(i, 0, "Person " + i);
                sheet.value(i, 1, "person" + i + "@example.com");
            }
        });

        Batch batch = read(file, Map.of(), 5000);

        assertThat(batch.records())
                .hasSize(2000)
                .last()
                .extracting(SourceRecord::position)
                .isEqualTo("row 2001");
    }

    @Test
    void theBoundsAreDeclaredWithDefaults() {
        assertThat(connector.configKeys())
                .extracting(ConfigKey::name)
                .contains(
                        "max_part_bytes",
                        "max_cell_chars",
                        "max_rows",
                        "max_columns",
                        "max_shared_strings",
                        "max_shared_string_chars");
        assertThat(connector.configKeys())
                .filteredOn(k -> k.name().startsWith("max_"))
                .allSatisfy(k -> assertThat(k.required()).isFalse())
                .extracting(ConfigKey::defaultValue)
                .containsExactly("104857600", "32767", "1048576", "16384", "2097152", "67108864");
        assertThat(XlsxLimits.DEFAULTS)
                .isEqualTo(new XlsxLimits(100 * MiB, 32_767, 1_048_576, 16_384, 2 * MiB, 64 * MiB));
    }

    @Test
    void boundsThatAreNotPositiveWholeNumbersAreConfigProblems() {
        Map<String, String> config = Map.of(
                "path",
                "/tmp/x.xlsx",
                "max_part_bytes",
                "lots",
                "max_cell_chars",
                "0",
                "max_rows",
                "-5",
                "max_columns",
                "100");

        List<ConfigProblem> problems = connector.validate(config);

        assertThat(problems)
                .extracting(ConfigProblem::key)
                .containsExactly("max_part_bytes", "max_cell_chars", "max_rows");
        assertThat(problems)
                .extracting(ConfigProblem::message)
                .containsExactly(
                        "must be a whole number, got 'lots'",
                        "must be a positive whole number, got '0'",
                        "must be a positive whole number, got '-5'");
        assertThat(connector.validate(Map.of("path", "/tmp/x.xlsx", "max_rows", "10", "max_shared_strings", " 7 ")))
                .isEmpty();
        assertThatThrownBy(() -> connector.openReader(config, null))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("must be");
    }

    private interface SheetFiller {
        void fill(Worksheet sheet);
    }

    /** A workbook as fastexcel writes it, which is how Hearth exports: strings in the shared-strings table. */
    private Path workbook(SheetFiller filler) throws IOException {
        Path file = Files.createTempFile(dir, "fastexcel", ".xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(out, "test", "1.0");
            filler.fill(wb.newWorksheet("Leads"));
            wb.finish();
        }
        return file;
    }

    private void assertFailsWith(Path file, Map<String, String> limits, String message) {
        AbstractThrowableAssert<?, ?> failure = assertThatThrownBy(() -> read(file, limits))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessage(message);
        // what the user sees names no path on the server
        failure.extracting(Throwable::getMessage).asString().doesNotContain(dir.toString());
    }

    private Batch read(Path file, Map<String, String> limits) {
        return read(file, limits, 10);
    }

    private Batch read(Path file, Map<String, String> limits, int max) {
        Map<String, String> config = new HashMap<>(limits);
        config.put("path", file.toString());
        try (RecordReader reader = connector.openReader(config, null)) {
            return reader.read(max);
        }
    }

    /** Bytes the current thread allocated while {@code action} ran: what it held, and more. */
    private static long allocatedDuring(Runnable action) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
