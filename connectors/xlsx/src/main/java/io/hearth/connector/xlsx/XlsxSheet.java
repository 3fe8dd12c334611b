package io.hearth.connector.xlsx;

import io.hearth.connector.spi.FatalConnectorException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * One workbook with one sheet being written, shared by the people and the deal writers: the header
 * row first, every value as text (phone numbers keep their leading +), rows streamed to disk.
 */
final class XlsxSheet implements AutoCloseable {
    // fastexcel keeps the rows of a sheet in memory until they are flushed
    private static final int FLUSH_EVERY = 1000;

    private final Path file;
    private final OutputStream out;
    private final Workbook workbook;
    private final Worksheet sheet;
    private int nextRow;

    XlsxSheet(Path file, String sheetName, List<String> headers) {
        this.file = file;
        try {
            out = Files.newOutputStream(file);
        } catch (IOException e) {
            throw new FatalConnectorException("cannot write " + file + ": " + e.getMessage(), e);
        }
        workbook = new Workbook(out, "Hearth", "1.0");
        sheet = workbook.newWorksheet(sheetName);
        for (int i = 0; i < headers.size(); i++) {
            sheet.value(0, i, headers.get(i));
        }
        nextRow = 1;
    }

    /** One row; a {@code null} value leaves its cell empty. */
    void row(List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null) {
                sheet.value(nextRow, i, values.get(i));
            }
        }
        nextRow++;
        if (nextRow % FLUSH_EVERY == 0) {
            try {
                sheet.flush();
            } catch (IOException e) {
                throw new FatalConnectorException("cannot write " + file + ": " + e.getMessage(), e);
            }
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
