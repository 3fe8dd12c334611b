package io.hearth.connector.xlsx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.Connector;
import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.DealWriter;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.OutgoingDeal;
import io.hearth.connector.spi.OutgoingPerson;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.RecordWriter;
import io.hearth.connector.spi.SourceRecord;
import io.hearth.connector.spi.StandardFields;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxConnectorTest {
    private final XlsxConnector connector = new XlsxConnector();

    @TempDir
    Path dir;

    @Test
    void theJarListsExactlyThisConnector() {
        List<Connector> found = new ArrayList<>();
        ServiceLoader.load(Connector.class).forEach(found::add);

        assertThat(found).singleElement().isInstanceOf(XlsxConnector.class);
        assertThat(connector.validate(Map.of())).extracting(p -> p.key()).containsExactly("path");
        assertThat(connector.fileExtensions()).containsExactly("xlsx");
    }

    /** What a spreadsheet program stores: a title row, a phone typed as a number, a formatted date. */
    @Test
    void valuesReadAsTheUserSawThem() throws Exception {
        Path file = workbook("Leads", sheet -> {
            sheet.value(0, 0, "Q4 leads");
            header(sheet, 1, "Lead ID", "First Name", "Last Name", "Mobile Phone", "Met On", "Score");
            sheet.value(2, 0, 1001);
            sheet.value(2, 1, "Ada");
            sheet.value(2, 2, "Lovelace");
            sheet.value(2, 3, 4155550100L);
            sheet.value(2, 4, LocalDate.of(2026, 3, 14));
            sheet.style(2, 4).format("dd/mm/yyyy").set();
            sheet.value(2, 5, 12.50);
        });

        Batch batch = read(file, Map.of(), null, 10);

        assertThat(batch.records()).singleElement().satisfies(r -> {
            assertThat(r.externalId()).isEqualTo("1001");
            assertThat(r.position()).isEqualTo("row 3");
            assertThat(r.fields())
                    .containsEntry("Mobile Phone", "4155550100")
                    .containsEntry("Met On", "2026-03-14")
                    .containsEntry("Score", "12.5")
                    .containsEntry("First Name", "Ada");
        });
    }

    /**
     * A workbook LibreOffice Calc 7.4 saved (from the CSV of the same rows): shared strings, phones
     * and ids typed as numbers, dates as serial numbers under a date style, an empty cell left out.
     */
    @Test
    void aWorkbookSavedBySpreadsheetProgramReadsAsTheUserSawIt() throws Exception {
        Path file = dir.resolve("leads-from-calc.xlsx");
        try (InputStream in = XlsxConnectorTest.class.getResourceAsStream("/leads-from-calc.xlsx")) {
            Files.copy(in, file);
        }

        Batch batch = read(file, Map.of(), null, 10);

        assertThat(batch.last()).isTrue();
        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.records()).hasSize(4);
        assertThat(batch.records().get(0)).satisfies(r -> {
            assertThat(r.externalId()).isEqualTo("7001");
            assertThat(r.position()).isEqualTo("row 2");
            assertThat(r.fields())
                    .containsEntry("First Name", "Ada")
                    .containsEntry("Mobile Phone", "4155550100")
                    .containsEntry("Met On", "2026-01-05")
                    .containsEntry("Deal Size", "12500.5")
                    .containsEntry("E-mail Address", "ada@example.com");
        });
        assertThat(batch.records().get(2).fields())
                .containsEntry("Mobile Phone", "+1 (415) 555-0199")
                .containsEntry("E-mail Address", "");
    }

    @Test
    void theChosenSheetIsReadAndAMissingOneIsNamed() throws Exception {
        Path file = dir.resolve("two.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(out, "test", "1.0");
            header(wb.newWorksheet("Notes"), 0, "x", "y");
            Worksheet people = wb.newWorksheet("People");
            header(people, 0, "First Name", "Email");
            header(people, 1, "Alan", "alan@example.com");
            wb.finish();
        }

        assertThat(read(file, Map.of("sheet", "People"), null, 10).records())
                .extracting(r -> r.fields().get("Email"))
                .containsExactly("alan@example.com");
        assertThatThrownBy(() -> read(file, Map.of("sheet", "Leads"), null, 10))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessage("sheet 'Leads' does not exist in two.xlsx; its sheets are 'Notes', 'People'");
    }

    @Test
    void cellsBeyondTheHeaderAreRejectedWithRowAndColumn() throws Exception {
        Path file = workbook("Leads", sheet -> {
            header(sheet, 0, "First Name", "Email");
            header(sheet, 1, "Ada", "ada@example.com", "stray");
            header(sheet, 2, "Alan", "alan@example.com");
        });

        Batch batch = read(file, Map.of(), null, 10);

        assertThat(batch.records())
                .extracting(r -> r.fields().get("First Name"))
                .containsExactly("Alan");
        assertThat(batch.rejected()).singleElement().satisfies(r -> {
            assertThat(r.position()).isEqualTo("row 2, column C");
            assertThat(r.reason()).isEqualTo("row 2 has a value in column C, which has no header");
        });
    }

    @Test
    void filesThatAreNotWorkbooksFailWithWhatTheyAre() throws Exception {
        Path csv = Files.writeString(dir.resolve("leads.xlsx"), "First Name,Email\nAda,ada@example.com\n");
        Path empty = Files.createFile(dir.resolve("empty.xlsx"));
        Path junk = Files.write(dir.resolve("junk.xlsx"), new byte[] {'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8});
        Path tiny = Files.writeString(dir.resolve("tiny.xlsx"), "x");

        assertThatThrownBy(() -> read(csv, Map.of(), null, 10))
                .hasMessageContaining("import it with the csv connector");
        assertThatThrownBy(() -> read(empty, Map.of(), null, 10)).hasMessageContaining("is empty");
        assertThatThrownBy(() -> read(tiny, Map.of(), null, 10))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessage(
                        "tiny.xlsx is not an .xlsx workbook; if it is a CSV file, import it with the csv connector");
        assertThatThrownBy(() -> read(junk, Map.of(), null, 10))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessageContaining("junk.xlsx is not a readable .xlsx workbook");
    }

    @Test
    void dealsWriteToADealsSheetAndReadBackKeyedByTheirDealId() throws Exception {
        Path file = dir.resolve("deals.xlsx");
        try (DealWriter writer = connector.openDealWriter(Map.of("path", file.toString()))) {
            writer.write(List.of(new OutgoingDeal(
                    "opportunities/1",
                    null,
                    null,
                    Map.of(
                            DealFields.TITLE, "200 seats, annual",
                            DealFields.CONTACT_EMAIL, "ada@example.com",
                            DealFields.AMOUNT, "12500.50",
                            DealFields.CURRENCY, "EUR"))));
        }

        List<SourceRecord> read;
        try (RecordReader reader = connector.openDealReader(Map.of("path", file.toString(), "sheet", "Deals"), null)) {
            read = reader.read(10).records();
        }
        assertThat(read).singleElement().satisfies(r -> {
            assertThat(r.externalId()).isEqualTo("opportunities/1");
            assertThat(r.fields())
                    .containsEntry("Deal Name", "200 seats, annual")
                    .containsEntry("Contact Email", "ada@example.com")
                    .containsEntry("Amount", "12500.50");
        });
    }

    @Test
    void readingResumesAfterTheCursorAndExportsReadBack() throws Exception {
        Path file = dir.resolve("export.xlsx");
        try (RecordWriter writer = connector.openWriter(Map.of("path", file.toString()))) {
            for (int i = 1; i <= 5; i++) {
                writer.write(List.of(new OutgoingPerson(
                        "leads/" + i,
                        Map.of(StandardFields.GIVEN_NAME, "P" + i, StandardFields.PHONE, "+1415555010" + i))));
            }
        }

        Batch first = read(file, Map.of(), null, 2);
        Batch rest = read(file, Map.of(), first.cursor(), 10);

        assertThat(first.records()).extracting(SourceRecord::position).containsExactly("row 2", "row 3");
        assertThat(rest.records())
                .extracting(r -> r.fields().get("Phone"))
                .containsExactly("+14155550103", "+14155550104", "+14155550105");
        assertThat(rest.records().get(0).fields()).containsEntry("Hearth ID", "leads/3");
        assertThat(rest.last()).isTrue();
    }

    /**
     * Found by XlsxReaderFuzzTest: a style whose numFmtId is no number failed the read with a
     * NumberFormatException; then, by inputs written after it, a date cell no calendar holds failed it
     * with a DateTimeException, and 1E999999999 took 25 s and a gigabyte to write out.
     */
    @Test
    void oddNumberCellsReadAsNumbersWithoutFailingOrExploding() throws Exception {
        Path file = new HandMadeWorkbook()
                .cellFormats(out -> out.write("<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"x1\"/>"))
                .sheetData(out -> {
                    out.write(HandMadeWorkbook.row(1, "A", "B", "C", "D"));
                    out.write("<row r=\"2\"><c r=\"A2\"><v>1E999999999</v></c><c r=\"B2\"><v>-1E-999999999</v></c>"
                            + "<c r=\"C2\" s=\"1\"><v>1E300</v></c>"
                            + "<c r=\"D2\" s=\"2\"><v>45000.25</v></c></row>");
                })
                .write(dir.resolve("odd.xlsx"));

        long started = System.nanoTime();
        Batch batch = read(file, Map.of(), null, 10);

        assertThat(System.nanoTime() - started).isLessThan(5_000_000_000L);
        assertThat(batch.records())
                .singleElement()
                .satisfies(r -> assertThat(r.fields())
                        .containsEntry("A", "1E+999999999")
                        .containsEntry("B", "-1E-999999999")
                        .containsEntry("C", "1E+300")
                        .containsEntry("D", "45000.25"));
    }

    @Test
    void columnNamesFollowSpreadsheetLetters() {
        assertThat(List.of(0, 25, 26, 701, 702))
                .extracting(XlsxRecordReader::columnName)
                .containsExactly("A", "Z", "AA", "ZZ", "AAA");
    }

    private interface SheetFiller {
        void fill(Worksheet sheet);
    }

    private Path workbook(String sheetName, SheetFiller filler) throws IOException {
        Path file = dir.resolve(sheetName + ".xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(out, "test", "1.0");
            filler.fill(wb.newWorksheet(sheetName));
            wb.finish();
        }
        return file;
    }

    private static void header(Worksheet sheet, int row, String... values) {
        for (int i = 0; i < values.length; i++) {
            sheet.value(row, i, values[i]);
        }
    }

    private Batch read(Path file, Map<String, String> extra, String cursor, int max) {
        Map<String, String> config = new java.util.HashMap<>(extra);
        config.put("path", file.toString());
        try (RecordReader reader = connector.openReader(config, cursor)) {
            return reader.read(max);
        }
    }
}
