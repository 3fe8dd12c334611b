package io.hearth.connector.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.ConfigProblem;
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
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvConnectorTest {
    private final CsvConnector connector = new CsvConnector();

    @TempDir
    Path dir;

    @Test
    void theJarListsExactlyThisConnector() {
        List<Connector> found = new ArrayList<>();
        ServiceLoader.load(Connector.class).forEach(found::add);

        assertThat(found).singleElement().isInstanceOf(CsvConnector.class);
        assertThat(connector.name()).isEqualTo("csv");
        assertThat(connector.capabilities())
                .containsExactlyInAnyOrder(
                        Capability.READ, Capability.WRITE, Capability.READ_DEALS, Capability.WRITE_DEALS);
        assertThat(connector.fileExtensions()).containsExactlyInAnyOrder("csv", "tsv", "txt");
    }

    @Test
    void dealsWriteToTheirOwnFileAndReadBackKeyedByTheirDealId() throws Exception {
        Path file = dir.resolve("deals.csv");
        try (DealWriter writer = connector.openDealWriter(Map.of("path", file.toString()))) {
            writer.write(List.of(new OutgoingDeal(
                    "opportunities/1",
                    null,
                    null,
                    Map.of(
                            DealFields.TITLE, "200 seats, annual",
                            DealFields.CONTACT, "contacts/9",
                            DealFields.STAGE, "proposal",
                            DealFields.AMOUNT, "12500.50",
                            DealFields.CURRENCY, "EUR",
                            DealFields.CLOSE_DATE, "2027-03-31",
                            DealFields.OUTCOME, "open"))));
        }

        List<SourceRecord> read;
        try (RecordReader reader = connector.openDealReader(Map.of("path", file.toString()), null)) {
            read = reader.read(10).records();
        }
        assertThat(read).singleElement().satisfies(r -> {
            assertThat(r.externalId()).isEqualTo("opportunities/1");
            assertThat(r.fields())
                    .containsEntry("Deal Name", "200 seats, annual")
                    .containsEntry("Amount", "12500.50")
                    .containsEntry("Contact", "contacts/9")
                    .containsEntry("Reason", "");
        });
    }

    @Test
    void aDealFileIdIsItsDealIdNotItsContactId() throws Exception {
        Path file = dir.resolve("opportunities.csv");
        Files.writeString(file, "Contact ID,Opportunity ID,Opportunity Name\n003A,006B,Renewal\n");

        try (RecordReader deals = connector.openDealReader(Map.of("path", file.toString()), null);
                RecordReader people = connector.openReader(Map.of("path", file.toString()), null)) {
            assertThat(deals.read(10).records())
                    .singleElement()
                    .extracting(SourceRecord::externalId)
                    .isEqualTo("006B");
            assertThat(people.read(10).records())
                    .singleElement()
                    .extracting(SourceRecord::externalId)
                    .isEqualTo("003A");
        }
    }

    @Test
    void configIsCheckedBeforeReading() {
        assertThat(connector.validate(Map.of("path", "/x.csv"))).isEmpty();
        assertThat(connector.validate(Map.of("encoding", "klingon", "delimiter", "::")))
                .extracting(ConfigProblem::key)
                .containsExactly("path", "encoding", "delimiter");
    }

    /** Found by CsvReaderFuzzTest: a quote as the delimiter failed the reader with commons-csv's own error. */
    @Test
    void aQuoteCannotBeTheDelimiter() {
        for (String delimiter : List.of("\"", "'")) {
            assertThat(connector.validate(Map.of("path", "/x.csv", "delimiter", delimiter)))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.key()).isEqualTo("delimiter");
                        assertThat(p.message()).isEqualTo("cannot be a quote or a line break");
                    });
        }
        assertThat(connector.validate(Map.of("path", "/x.csv", "delimiter", "#")))
                .isEmpty();
    }

    @Test
    void aMalformedEncodingNameIsAProblemNotAFailure() {
        String name = "utf 8 " + "x".repeat(10_000);

        assertThat(connector.validate(Map.of("path", "/x.csv", "encoding", name)))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.key()).isEqualTo("encoding");
                    assertThat(p.message()).hasSizeLessThan(100);
                });
    }

    @Test
    void hubspotExportReadsWithRecordIdsAsExternalIds() throws Exception {
        List<SourceRecord> records = readAll(resource("hubspot-contacts.csv"));

        assertThat(records).extracting(SourceRecord::externalId).containsExactly("51", "52", "53", "54");
        assertThat(records.get(1).fields())
                .containsEntry("Mobile Phone Number", "415.555.0142")
                .containsEntry("Company Name", "Bletchley Park");
        assertThat(records.get(0).position()).isEqualTo("row 2");
    }

    @Test
    void salesforceReportSkipsTitleLinesAndRejectsTheFooter() throws Exception {
        Batch batch = read(resource("salesforce-leads-report.csv"), null, 100);

        assertThat(batch.records())
                .extracting(SourceRecord::externalId)
                .containsExactly("00Q5e00001AbCdE", "00Q5e00001AbCdF", "00Q5e00001AbCdG");
        assertThat(batch.records().get(0).fields()).containsEntry("Company / Account", "NASA");
        assertThat(batch.rejected()).singleElement().satisfies(r -> {
            assertThat(r.position()).isEqualTo("row 8");
            assertThat(r.reason()).contains("has 2 fields but the header (row 3) has 11");
        });
    }

    @Test
    void outlookExportWithBomAndQuotedNewlineReadsAsUtf8() throws Exception {
        SourceRecord rene = readAll(resource("outlook-contacts.csv")).get(0);

        assertThat(rene.fields())
                .containsEntry("First Name", "René")
                .containsEntry("Company", "La Flèche")
                .containsEntry("Notes", "Cogito,\r\nergo sum");
        assertThat(rene.fields().keySet()).first().isEqualTo("First Name");
    }

    @Test
    void windows1252AndSemicolonsAreDetected() throws Exception {
        Path file = dir.resolve("excel-fr.csv");
        Files.write(file, "Prénom;Nom;Email\r\nRené;Descartes;rene@example.fr\r\n".getBytes(TextSniffer.WINDOWS_1252));

        assertThat(readAll(file))
                .singleElement()
                .satisfies(r -> assertThat(r.fields())
                        .containsEntry("Prénom", "René")
                        .containsEntry("Email", "rene@example.fr"));
    }

    @Test
    void tabsAndSingleQuotesAreDetected() throws Exception {
        Path file = dir.resolve("people.tsv");
        Files.writeString(file, "'First Name'\t'Email'\n'Ada'\t'ada@example.com'\n");

        assertThat(readAll(file))
                .singleElement()
                .satisfies(r -> assertThat(r.fields())
                        .containsEntry("First Name", "Ada")
                        .containsEntry("Email", "ada@example.com"));
    }

    @Test
    void aBrokenQuoteKeepsTheRowsBeforeItAndSaysWhere() throws Exception {
        Path file = dir.resolve("broken.csv");
        Files.writeString(
                file, "First Name,Email\nAda,ada@example.com\n\"Alan,alan@example.com\nGrace,g@example.com\n");

        Batch batch = read(file, null, 100);

        assertThat(batch.records())
                .extracting(r -> r.fields().get("First Name"))
                .containsExactly("Ada");
        assertThat(batch.rejected()).singleElement().satisfies(r -> {
            assertThat(r.position()).isEqualTo("row 3");
            assertThat(r.reason()).contains("a quoted field opened on line 3 is never closed");
        });
        assertThat(batch.last()).isTrue();
    }

    @Test
    void filesThatAreNotCsvFailWithWhatTheyLookLike() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.csv"));
        Path workbook = Files.write(dir.resolve("leads.csv"), new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0});
        Path binary = Files.write(dir.resolve("junk.csv"), new byte[] {'a', ',', 'b', 0, 1, 2, (byte) 0xff});
        Path oneColumn = Files.writeString(dir.resolve("one.csv"), "Email\nada@example.com\n");

        assertThatThrownBy(() -> read(empty, null, 10))
                .isInstanceOf(FatalConnectorException.class)
                .hasMessage("empty.csv is empty: there is nothing to import");
        assertThatThrownBy(() -> read(workbook, null, 10)).hasMessageContaining("import it with the xlsx connector");
        assertThatThrownBy(() -> read(binary, null, 10)).hasMessageContaining("binary content at byte 4");
        assertThatThrownBy(() -> read(oneColumn, null, 10)).hasMessageContaining("has no header row");
        assertThatThrownBy(() -> read(dir.resolve("missing.csv"), null, 10)).hasMessageContaining("no file at");
    }

    @Test
    void aStrayNulIsOneBadCellNotABinaryFile() throws Exception {
        Path file = Files.writeString(
                dir.resolve("nul.csv"),
                "First Name,Last Name,Email\n"
                        + "Ada,Lovelace,ada@example.com\nNul\u0000ly,Broken,nully@example.com\nAlan,Turing,alan@example.com\n");

        Batch batch = read(file, null, 10);

        assertThat(batch.records())
                .extracting(r -> r.fields().get("First Name"))
                .containsExactly("Ada", "Nul\u0000ly", "Alan");
        assertThat(batch.rejected()).isEmpty();
    }

    @Test
    void readingResumesAfterTheCursor() throws Exception {
        Path file = dir.resolve("five.csv");
        StringBuilder csv = new StringBuilder("First Name,Email\n");
        for (int i = 1; i <= 5; i++) {
            csv.append("P").append(i).append(",p").append(i).append("@example.com\n");
        }
        Files.writeString(file, csv);

        Batch first = read(file, null, 2);
        Batch rest = read(file, first.cursor(), 10);

        assertThat(first.cursor()).isEqualTo("2");
        assertThat(first.last()).isFalse();
        assertThat(rest.records()).extracting(r -> r.fields().get("First Name")).containsExactly("P3", "P4", "P5");
        assertThat(rest.last()).isTrue();
    }

    @Test
    void exportedFilesReadBackWithTheSameValues() throws Exception {
        Path file = dir.resolve("export.csv");
        try (RecordWriter writer = connector.openWriter(Map.of("path", file.toString()))) {
            assertThat(writer.write(List.of(new OutgoingPerson(
                            "leads/1",
                            Map.of(
                                    StandardFields.GIVEN_NAME,
                                    "René",
                                    StandardFields.EMAIL,
                                    "rene@example.fr",
                                    StandardFields.NOTES,
                                    "line one\nline \"two\"")))))
                    .allMatch(r -> r.ok());
        }

        assertThat(Files.readAllBytes(file)).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(readAll(file))
                .singleElement()
                .satisfies(r -> assertThat(r.fields())
                        .containsEntry("First Name", "René")
                        .containsEntry("Notes", "line one\nline \"two\"")
                        .containsEntry("Hearth ID", "leads/1"));
    }

    private List<SourceRecord> readAll(Path file) {
        Batch batch = read(file, null, 1000);
        assertThat(batch.rejected()).isEmpty();
        return batch.records();
    }

    private Batch read(Path file, String cursor, int max) {
        try (RecordReader reader = connector.openReader(Map.of("path", file.toString()), cursor)) {
            return reader.read(max);
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(CsvConnectorTest.class.getResource("/exports/" + name).toURI());
    }
}
