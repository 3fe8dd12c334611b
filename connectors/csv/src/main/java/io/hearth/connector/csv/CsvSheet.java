package io.hearth.connector.csv;

import io.hearth.connector.spi.FatalConnectorException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One CSV file being written, shared by the people and the deal writers: UTF-8 with a byte order
 * mark (so Excel reads it as UTF-8), CRLF rows, the header row first.
 */
final class CsvSheet implements AutoCloseable {
    private final Path file;
    private final CSVPrinter printer;

    CsvSheet(Path file, char delimiter, List<String> headers) {
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
            printer.printRecord(headers);
        } catch (IOException e) {
            throw new FatalConnectorException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    void row(List<String> values) {
        try {
            printer.printRecord(values);
        } catch (IOException e) {
            throw new FatalConnectorException("cannot write " + file + ": " + e.getMessage(), e);
        }
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
