package io.hearth.connector.csv;

import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.OutgoingPerson;
import io.hearth.connector.spi.RecordWriter;
import io.hearth.connector.spi.StandardFields;
import io.hearth.connector.spi.WriteResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes people as UTF-8 CSV with a byte order mark, which Excel needs to show accents right, and
 * with headers that the import maps back automatically.
 */
final class CsvRecordWriter implements RecordWriter {
    static final List<String> HEADERS = List.of(
            "First Name",
            "Last Name",
            "Company",
            "Job Title",
            "Email",
            "Phone",
            "Lead Source",
            "Lead Status",
            "Owner",
            "Notes",
            "Tags",
            "Contact Kind",
            "Hearth ID");
    private static final List<String> FIELDS = List.of(
            StandardFields.GIVEN_NAME,
            StandardFields.FAMILY_NAME,
            StandardFields.COMPANY,
            StandardFields.TITLE,
            StandardFields.EMAIL,
            StandardFields.PHONE,
            StandardFields.SOURCE,
            StandardFields.STATUS,
            StandardFields.OWNER,
            StandardFields.NOTES,
            StandardFields.TAGS,
            StandardFields.KIND);

    private final Path file;
    private final CSVPrinter printer;

    CsvRecordWriter(Path file, char delimiter) {
        this.file = file;
        try {
            BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write('\uFEFF');
            printer = CSVFormat.DEFAULT
                    .builder()
                    .setDelimiter(delimiter)
                    .setRecordSeparator("\r\n")
                    .get()
                    .print(out);
            printer.printRecord(HEADERS);
        } catch (IOException e) {
            throw new FatalConnectorException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<WriteResult> write(List<OutgoingPerson> people) {
        List<WriteResult> results = new ArrayList<>(people.size());
        for (OutgoingPerson person : people) {
            List<String> row = new ArrayList<>(HEADERS.size());
            FIELDS.forEach(field -> row.add(person.fields().getOrDefault(field, "")));
            row.add(person.hearthId());
            try {
                printer.printRecord(row);
            } catch (IOException e) {
                throw new FatalConnectorException("cannot write " + file + ": " + e.getMessage(), e);
            }
            results.add(WriteResult.written(person.hearthId(), null));
        }
        return results;
    }

    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + file, e);
        }
    }
}
