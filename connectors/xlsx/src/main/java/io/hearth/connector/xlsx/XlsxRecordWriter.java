package io.hearth.connector.xlsx;

import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.OutgoingPerson;
import io.hearth.connector.spi.RecordWriter;
import io.hearth.connector.spi.StandardFields;
import io.hearth.connector.spi.WriteResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes people to one sheet, streaming rows to disk. Every value is written as text, so phone
 * numbers keep their leading + and are never turned into numbers.
 */
final class XlsxRecordWriter implements RecordWriter {
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
    // fastexcel keeps the rows of a sheet in memory until they are flushed
    private static final int FLUSH_EVERY = 1000;

    private final Path file;
    private final OutputStream out;
    private final Workbook workbook;
    private final Worksheet sheet;
    private int nextRow;

    XlsxRecordWriter(Path file, String sheetName) {
        this.file = file;
        try {
            out = Files.newOutputStream(file);
        } catch (IOException e) {
            throw new FatalConnectorException("cannot write " + file + ": " + e.getMessage(), e);
        }
        workbook = new Workbook(out, "Hearth", "1.0");
        sheet = workbook.newWorksheet(sheetName);
        for (int i = 0; i < HEADERS.size(); i++) {
            sheet.value(0, i, HEADERS.get(i));
        }
        nextRow = 1;
    }

    @Override
    public List<WriteResult> write(List<OutgoingPerson> people) {
        List<WriteResult> results = new ArrayList<>(people.size());
        for (OutgoingPerson person : people) {
            for (int i = 0; i < FIELDS.size(); i++) {
                String value = person.fields().get(FIELDS.get(i));
                if (value != null) {
                    sheet.value(nextRow, i, value);
                }
            }
            sheet.value(nextRow, FIELDS.size(), person.hearthId());
            nextRow++;
            if (nextRow % FLUSH_EVERY == 0) {
                flush();
            }
            results.add(WriteResult.written(person.hearthId(), null));
        }
        return results;
    }

    private void flush() {
        try {
            sheet.flush();
        } catch (IOException e) {
            throw new FatalConnectorException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (out) {
            workbook.finish();
        } catch (IOException e) {
            throw new FatalConnectorException("cannot finish " + file + ": " + e.getMessage(), e);
        }
    }
}
