package io.hearth.connector.csv;

import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.RejectedRecord;
import io.hearth.connector.spi.RetriableConnectorException;
import io.hearth.connector.spi.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file. The header is the first row with at least two filled cells, so title lines
 * above it are skipped. The cursor is the number of data rows consumed: resuming re-parses and
 * skips them, which costs far less than the database work they stood for.
 */
final class CsvRecordReader implements RecordReader {
    private static final Pattern UNCLOSED_QUOTE =
            Pattern.compile("startline (\\d+)\\) EOF reached before encapsulated token finished");
    /** The headers (lower-case letters and digits only) of the id column of a file of people. */
    static final Set<String> PERSON_ID_HEADERS = Set.of("recordid", "leadid", "contactid", "id", "externalid");
    /** The headers of the id column of a file of deals: a contact id there is the deal's contact, not its id. */
    static final Set<String> DEAL_ID_HEADERS =
            Set.of("dealid", "opportunityid", "recordid", "id", "externalid", "hearthid");

    private final Path file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> rows;
    private final List<String> header;
    private final long headerRow;
    private final int idColumn;
    private final Set<String> idHeaders;
    private long consumed;
    private boolean finished;
    private RejectedRecord unreadableRest;

    CsvRecordReader(Path file, String encoding, String delimiter, String idColumnName, long cursor) {
        this(file, encoding, delimiter, idColumnName, PERSON_ID_HEADERS, cursor);
    }

    /** @param idColumnHeaders the headers that make a column the id column when {@code idColumnName} is null */
    CsvRecordReader(
            Path file,
            String encoding,
            String delimiter,
            String idColumnName,
            Set<String> idColumnHeaders,
            long cursor) {
        this.file = file;
        TextSniffer.Layout layout = TextSniffer.sniff(existing(file), encoding, delimiter);
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(layout.delimiter())
                .setQuote(layout.quote())
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
        try {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(layout.bomLength());
            Reader reader = new InputStreamReader(in, layout.charset());
            this.parser = format.parse(reader);
        } catch (IOException e) {
            throw new RetriableConnectorException("cannot open " + file + ": " + e.getMessage(), e);
        }
        this.rows = parser.iterator();
        CSVRecord headerRecord = findHeader();
        this.header = headerRecord.toList().stream().map(String::strip).toList();
        this.headerRow = headerRecord.getRecordNumber();
        this.idHeaders = idColumnHeaders;
        this.idColumn = idColumn(idColumnName);
        skip(cursor);
    }

    @Override
    public Batch read(int maxRecords) {
        List<SourceRecord> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        while (!finished && records.size() < maxRecords) {
            CSVRecord row = next();
            if (row == null) {
                break;
            }
            consumed++;
            String position = "row " + row.getRecordNumber();
            if (row.stream().allMatch(String::isBlank)) {
                continue;
            }
            if (row.size() != header.size()) {
                rejected.add(new RejectedRecord(
                        position,
                        position + " has " + row.size() + " fields but the header (" + "row " + headerRow + ") has "
                                + header.size() + "; check delimiters and quotes on that line",
                        String.join(",", row.toList())));
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                fields.putIfAbsent(header.get(i), row.get(i));
            }
            String externalId = idColumn < 0 ? null : row.get(idColumn);
            records.add(new SourceRecord(externalId, null, fields, position));
        }
        if (unreadableRest != null) {
            rejected.add(unreadableRest);
            unreadableRest = null;
        }
        return new Batch(records, rejected, Long.toString(consumed), finished);
    }

    /**
     * The next row, or null at the end. Input the parser cannot read past (a quote never closed)
     * ends the file with one rejected record; the rows before it still count.
     */
    private CSVRecord next() {
        try {
            if (rows.hasNext()) {
                return rows.next();
            }
        } catch (UncheckedIOException e) {
            String position = "row " + (headerRow + consumed + 1);
            unreadableRest = new RejectedRecord(
                    position, position + " and everything after it cannot be read: " + describe(e.getCause()), "");
        }
        finished = true;
        return null;
    }

    private CSVRecord findHeader() {
        while (true) {
            CSVRecord row;
            try {
                if (!rows.hasNext()) {
                    throw new FatalConnectorException(file.getFileName() + " has no header row: the first row with "
                            + "at least two filled cells names the columns");
                }
                row = rows.next();
            } catch (UncheckedIOException e) {
                throw new FatalConnectorException(
                        file.getFileName() + ": " + describe(e.getCause()) + " before a header row was found", e);
            }
            if (row.stream().filter(cell -> !cell.isBlank()).count() >= 2) {
                return row;
            }
        }
    }

    private int idColumn(String name) {
        if (name != null) {
            int index = header.indexOf(name);
            if (index < 0) {
                throw new FatalConnectorException("id_column '" + name + "' is not a column of " + file.getFileName()
                        + "; its columns are " + String.join(", ", header));
            }
            return index;
        }
        for (int i = 0; i < header.size(); i++) {
            if (idHeaders.contains(header.get(i).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""))) {
                return i;
            }
        }
        return -1;
    }

    private void skip(long rowsToSkip) {
        while (consumed < rowsToSkip && next() != null) {
            consumed++;
        }
    }

    private static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new FatalConnectorException("no file at " + file);
        }
        return file;
    }

    private static String describe(Throwable cause) {
        String message = cause == null || cause.getMessage() == null ? "unreadable input" : cause.getMessage();
        Matcher quote = UNCLOSED_QUOTE.matcher(message);
        return quote.find() ? "a quoted field opened on line " + quote.group(1) + " is never closed" : message;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
