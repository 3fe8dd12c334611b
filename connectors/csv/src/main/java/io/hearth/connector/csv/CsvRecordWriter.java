package io.hearth.connector.csv;

import io.hearth.connector.spi.OutgoingPerson;
import io.hearth.connector.spi.RecordWriter;
import io.hearth.connector.spi.StandardFields;
import io.hearth.connector.spi.WriteResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    private final CsvSheet sheet;

    CsvRecordWriter(Path file, char delimiter) {
        sheet = new CsvSheet(file, delimiter, HEADERS);
    }

    @Override
    public List<WriteResult> write(List<OutgoingPerson> persons) {
        List<WriteResult> results = new ArrayList<>(persons.size());
        for (OutgoingPerson person : persons) {
            List<String> row = new ArrayList<>(HEADERS.size());
            FIELDS.forEach(field -> row.add(person.fields().getOrDefault(field, "")));
            row.add(person.hearthId());
            sheet.row(row);
            results.add(WriteResult.written(person.hearthId(), null));
        }
        return results;
    }

    @Override
    public void close() {
        sheet.close();
    }
}
