package io.hearth.connector.xlsx;

import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.RejectedRecord;
import io.hearth.connector.spi.RetriableConnectorException;
import io.hearth.connector.spi.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * Reads one sheet of a workbook as a stream of rows. The header is the first row with at least
 * two filled cells; the cursor is the number of data rows consumed, skipped again on resume.
 */
final class XlsxRecordReader implements RecordReader {
    /** The headers (lower-case letters and digits only) of the id column of a file of people. */
    static final Set<String> PERSON_ID_HEADERS = Set.of("recordid", "leadid", "contactid", "id", "externalid");
    /** The headers of the id column of a file of deals: a contact id there is the deal's contact, not its id. */
    static final Set<String> DEAL_ID_HEADERS =
            Set.of("dealid", "opportunityid", "recordid", "id", "externalid", "hearthid");

    private final Path file;
    private final ReadableWorkbook workbook;
    private final Stream<Row> stream;
    private final Iterator<Row> rows;
    private final List<String> header;
    private final int headerRow;
    private final int idColumn;
    private final Set<String> idHeaders;
    private long consumed;
    private boolean finished;
    private RejectedRecord unreadableRest;

    XlsxRecordReader(Path file, String sheetName, String idColumnName, XlsxLimits limits, long cursor) {
        this(file, sheetName, idColumnName, PERSON_ID_HEADERS, limits, cursor);
    }

    /** @param idColumnHeaders the headers that make a column the id column when {@code idColumnName} is null */
    XlsxRecordReader(
            Path file,
            String sheetName,
            String idColumnName,
            Set<String> idColumnHeaders,
            XlsxLimits limits,
            long cursor) {
        this.file = file;
        checkIsWorkbook(file);
        // before fastexcel unzips anything: it holds what it reads, and a small file can unzip to gigabytes
        WorkbookGuard.check(file, limits);
        try {
            workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(true, false));
        } catch (IOException | RuntimeException e) {
            throw new FatalConnectorException(
                    file.getFileName() + " is not a readable .xlsx workbook: " + e.getMessage(), e);
        }
        try {
            Sheet sheet = sheet(sheetName);
            stream = sheet.openStream();
        } catch (IOException e) {
            closeQuietly();
            throw new RetriableConnectorException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (io.hearth.connector.spi.ConnectorException e) {
            closeQuietly();
            throw e;
        } catch (RuntimeException e) {
            // e.g. a sheet the workbook names but does not hold (found by XlsxReaderFuzzTest)
            closeQuietly();
            throw new FatalConnectorException(
                    file.getFileName() + " is not a readable .xlsx workbook: " + e.getMessage(), e);
        }
        rows = stream.iterator();
        Row headerRecord = findHeader();
        header = new ArrayList<>();
        for (int i = 0; i < headerRecord.getCellCount(); i++) {
            header.add(CellText.of(headerRecord.getCell(i)).strip());
        }
        while (!header.isEmpty() && header.get(header.size() - 1).isEmpty()) {
            header.remove(header.size() - 1);
        }
        headerRow = headerRecord.getRowNum();
        idHeaders = idColumnHeaders;
        this.idColumn = idColumn(idColumnName);
        while (consumed < cursor && next() != null) {
            consumed++;
        }
    }

    @Override
    public Batch read(int maxRecords) {
        List<SourceRecord> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        while (!finished && records.size() < maxRecords) {
            Row row = next();
            if (row == null) {
                break;
            }
            consumed++;
            String position = "row " + row.getRowNum();
            List<String> cells = new ArrayList<>(row.getCellCount());
            for (int i = 0; i < row.getCellCount(); i++) {
                cells.add(CellText.of(row.getCell(i)));
            }
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            int stray = strayColumn(cells);
            if (stray >= 0) {
                rejected.add(new RejectedRecord(
                        position + ", column " + columnName(stray),
                        position + " has a value " + "in column " + columnName(stray) + ", which has no header",
                        String.join(",", cells)));
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                fields.putIfAbsent(header.get(i), i < cells.size() ? cells.get(i) : "");
            }
            String externalId = idColumn < 0 || idColumn >= cells.size() ? null : cells.get(idColumn);
            records.add(new SourceRecord(externalId, null, fields, position));
        }
        if (unreadableRest != null) {
            rejected.add(unreadableRest);
            unreadableRest = null;
        }
        return new Batch(records, rejected, Long.toString(consumed), finished);
    }

    private int strayColumn(List<String> cells) {
        for (int i = header.size(); i < cells.size(); i++) {
            if (!cells.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }

    private Row next() {
        try {
            if (rows.hasNext()) {
                return rows.next();
            }
        } catch (RuntimeException e) {
            String position = "after row " + (headerRow + consumed);
            unreadableRest =
                    new RejectedRecord(position, "the sheet cannot be read " + position + ": " + e.getMessage(), "");
        }
        finished = true;
        return null;
    }

    private Sheet sheet(String name) {
        if (name == null) {
            return workbook.getFirstSheet();
        }
        return workbook.findSheet(name)
                .orElseThrow(() -> new FatalConnectorException("sheet '" + name
                        + "' does not exist in " + file.getFileName() + "; its sheets are "
                        + workbook.getSheets().map(s -> "'" + s.getName() + "'").collect(Collectors.joining(", "))));
    }

    private Row findHeader() {
        while (true) {
            Row row = next();
            if (row == null) {
                closeQuietly();
                throw new FatalConnectorException(file.getFileName() + " has no header row: the first row with at "
                        + "least two filled cells names the columns");
            }
            if (row.stream().filter(c -> !CellText.of(c).isBlank()).count() >= 2) {
                return row;
            }
        }
    }

    private int idColumn(String name) {
        if (name != null) {
            int index = header.indexOf(name);
            if (index < 0) {
                closeQuietly();
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

    /** Spreadsheet column letters: 0 is A, 26 is AA. */
    static String columnName(int index) {
        StringBuilder name = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            name.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return name.toString();
    }

    private static void checkIsWorkbook(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new FatalConnectorException("no file at " + file);
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (head.length == 0) {
            throw new FatalConnectorException(file.getFileName() + " is empty: there is nothing to import");
        }
        // both header checks need 8 bytes; anything shorter is no workbook
        if (head.length == 8 && ReadableWorkbook.isOLE2Header(head)) {
            throw new FatalConnectorException(
                    file.getFileName() + " is an old Excel workbook (.xls): save it as " + ".xlsx first");
        }
        if (head.length < 8 || !ReadableWorkbook.isOOXMLZipHeader(head)) {
            throw new FatalConnectorException(file.getFileName() + " is not an .xlsx workbook; if it is a CSV file, "
                    + "import it with the csv connector");
        }
    }

    private void closeQuietly() {
        try {
            workbook.close();
        } catch (IOException ignored) {
            // already failing with a better message
        }
    }

    @Override
    public void close() {
        stream.close();
        try {
            workbook.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
