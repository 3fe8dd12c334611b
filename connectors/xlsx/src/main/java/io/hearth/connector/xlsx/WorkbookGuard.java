package io.hearth.connector.xlsx;

import io.hearth.connector.spi.FatalConnectorException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Checks a workbook against {@link XlsxLimits} before fastexcel opens it, in one streaming pass
 * that holds no more than a tag of it at a time.
 *
 * <p>fastexcel offers no hook into its unzipping, so the guard reads the file first, with the same
 * zip library fastexcel opens it with (commons-compress, which fastexcel-reader brings), so both
 * see the same entries: a second zip reader could be shown a different central directory than
 * fastexcel's. Every entry is unzipped, counting the bytes that actually come out (declared sizes
 * are not trusted), and every entry that is XML is scanned: the rows, columns and cell texts of
 * whatever has {@code row} and {@code c} elements, the strings of whatever has {@code si}
 * elements. These are fastexcel's own element names, matched the way it matches them, so the guard
 * does not have to agree with fastexcel on which part is the sheet being read: it checks them all.
 *
 * <p>There is no bound on the compression ratio. The bytes that come out are what costs memory
 * and time, and they are counted; genuine parts compress 10 to 100 times (more for sparse, styled
 * sheets), so a ratio bound would refuse real files while adding nothing the size bound misses.
 */
final class WorkbookGuard {
    /** How deep elements may nest; a parser keeps a frame per open element. */
    static final int MAX_DEPTH = 10_000;
    /**
     * How many sheets, relationships, cell formats or number formats a part may list: fastexcel
     * keeps them all from the moment it opens a workbook. Excel allows 65,490 cell formats; a
     * workbook with more than a few thousand sheets is not a lead list.
     */
    static final int MAX_LISTED = 200_000;
    // the guard's own memory of sheet names, which only serve messages
    private static final int MAX_NAMED = 10_000;
    static final long UNREADABLE = Long.MIN_VALUE;
    private static final String RAISE = "; raise it if the file is genuine";
    private static final String SHARED_STRINGS = "the shared-strings table";
    private static final String WORKBOOK_TYPE =
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private static final String MACRO_WORKBOOK_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
    private static final String SHARED_STRINGS_TYPE =
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml";
    private static final Pattern ENCODING =
            Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

    private final ZipFile zip;
    private final XlsxLimits limits;
    private final Set<ZipArchiveEntry> checked = Collections.newSetFromMap(new IdentityHashMap<>());
    // for messages only: which part is which sheet, by lower-case entry name
    private final Map<String, String> sheetNames = new HashMap<>();
    private String sharedStringsPart = "xl/sharedstrings.xml";

    private WorkbookGuard(ZipFile zip, XlsxLimits limits) {
        this.zip = zip;
        this.limits = limits;
    }

    /**
     * Returns when every part of {@code file} is within {@code limits}; throws
     * {@link FatalConnectorException} naming the part, the bound and its config key otherwise. A file
     * that is no zip at all passes: fastexcel then says it is no workbook.
     */
    static void check(Path file, XlsxLimits limits) {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(file).get();
        } catch (IOException | RuntimeException e) {
            return; // fastexcel's open fails the same way and says so
        }
        try (zip) {
            new WorkbookGuard(zip, limits).checkAll();
        } catch (IOException e) {
            // closing failed; the checks themselves handle read errors
        }
    }

    private void checkAll() {
        learnNames();
        for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
            if (!checked.contains(entry)) {
                check(entry, null);
            }
        }
    }

    /** Reads the workbook's table of contents first, to name sheets in messages by their own names. */
    private void learnNames() {
        String[] workbook = {"/xl/workbook.xml"};
        check(entry("[Content_Types].xml"), attributes -> {
            String type = attributes.get("ContentType");
            String name = attributes.get("PartName");
            if (type == null || name == null) {
                return;
            }
            if (type.equals(WORKBOOK_TYPE) || type.equals(MACRO_WORKBOOK_TYPE)) {
                workbook[0] = name;
            } else if (type.equals(SHARED_STRINGS_TYPE)) {
                sharedStringsPart = key(name);
            }
        });
        // fastexcel's own rule: the relationships of /xl/workbook.xml are /xl/_rels/workbook.xml.rels
        String rels = workbook[0].replaceFirst("^(.*/)([^/]+)$", "$1_rels/$2.rels");
        int folderEnd = rels.indexOf("_rel");
        String folder = folderEnd < 0 ? "" : rels.substring(0, folderEnd);
        Map<String, String> targets = new HashMap<>();
        check(entry(rels), attributes -> {
            String id = attributes.get("Id");
            String target = attributes.get("Target");
            if (id != null && target != null && targets.size() < MAX_NAMED) {
                targets.put(id, target.startsWith("/") ? target : folder + target);
            }
        });
        check(entry(workbook[0]), attributes -> {
            String name = attributes.get("name");
            String id = attributes.prefixed("id");
            if (name != null && id != null && targets.containsKey(id) && sheetNames.size() < MAX_NAMED) {
                sheetNames.putIfAbsent(key(targets.get(id)), name);
            }
        });
    }

    /** The entry fastexcel would open for a part name: exactly, else ignoring case. */
    private ZipArchiveEntry entry(String partName) {
        String name = partName.startsWith("/") ? partName.substring(1) : partName;
        ZipArchiveEntry entry = zip.getEntry(name);
        if (entry != null) {
            return entry;
        }
        for (ZipArchiveEntry candidate : Collections.list(zip.getEntries())) {
            if (candidate.getName().equalsIgnoreCase(name)) {
                return candidate;
            }
        }
        return null;
    }

    /** Unzips one entry, counting its bytes and scanning it when it is XML. */
    private void check(ZipArchiveEntry entry, Consumer<XmlScan.Attributes> starts) {
        if (entry == null || entry.isDirectory() || !checked.add(entry) || !zip.canReadEntryData(entry)) {
            return; // an entry commons-compress cannot read, fastexcel cannot read either
        }
        String part = describe(entry.getName());
        try (InputStream in = new BufferedInputStream(new Bounded(zip.getInputStream(entry), part), 8192)) {
            Reader xml = xmlReader(in);
            if (xml == null) {
                in.transferTo(OutputStream.nullOutputStream());
            } else {
                XmlScan.scan(xml, new PartRules(part, starts));
            }
        } catch (XmlScan.Refused e) {
            throw new FatalConnectorException(part + " " + e.getMessage());
        } catch (IOException e) {
            // a corrupt entry: what came out before the damage was checked, and fastexcel, reading
            // the same bytes with the same library, stops at the same damage
        } catch (FatalConnectorException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FatalConnectorException(part + " cannot be unzipped: the file is damaged", e);
        }
    }

    /**
     * A reader over {@code in} when it holds XML, in the encoding a parser would read it with (byte
     * order mark, the byte pattern of {@code <?}, the declaration); {@code null} for anything else
     * (images, binary parts), which is only counted.
     */
    private static Reader xmlReader(InputStream in) throws IOException {
        in.mark(512);
        byte[] head = in.readNBytes(512);
        in.reset();
        int b0 = head.length > 0 ? head[0] & 0xFF : -1;
        int b1 = head.length > 1 ? head[1] & 0xFF : -1;
        int b2 = head.length > 2 ? head[2] & 0xFF : -1;
        int b3 = head.length > 3 ? head[3] & 0xFF : -1;
        Charset charset;
        int skip = 0;
        if (b0 == 0 && b1 == 0 && (b2 == 0xFE && b3 == 0xFF || b2 == 0 && b3 == '<')) {
            charset = Charset.forName("UTF-32BE");
        } else if ((b0 == 0xFF && b1 == 0xFE || b0 == '<' && b1 == 0) && b2 == 0 && b3 == 0) {
            charset = Charset.forName("UTF-32LE");
        } else if (b0 == 0xFE && b1 == 0xFF || b0 == 0 && b1 == '<') {
            charset = StandardCharsets.UTF_16BE;
        } else if (b0 == 0xFF && b1 == 0xFE || b0 == '<' && b1 == 0) {
            charset = StandardCharsets.UTF_16LE;
        } else {
            if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
                skip = 3;
            }
            charset = StandardCharsets.UTF_8;
            Matcher declared =
                    ENCODING.matcher(new String(head, skip, head.length - skip, StandardCharsets.ISO_8859_1));
            if (declared.find()) {
                String name = declared.group(1).toUpperCase(Locale.ROOT).replace('_', '-');
                if (name.startsWith("ISO-8859-1")
                        || name.startsWith("ISO8859-1")
                        || name.equals("LATIN1")
                        || name.equals("US-ASCII")
                        || name.equals("ASCII")) {
                    charset = StandardCharsets.ISO_8859_1;
                }
            }
        }
        in.skipNBytes(skip);
        PushbackReader reader = new PushbackReader(new InputStreamReader(in, charset), 1);
        // a byte order mark decodes to U+FEFF; whitespace may precede the first tag
        int first = reader.read();
        while (first == 0xFEFF || first == ' ' || first == '\t' || first == '\n' || first == '\r') {
            first = reader.read();
        }
        if (first != '<') {
            return null;
        }
        reader.unread(first);
        return reader;
    }

    /** A part as the user knows it: {@code sheet 'Leads'}, the shared strings, else its name in the zip. */
    private String describe(String entryName) {
        String key = key(entryName);
        String sheet = sheetNames.get(key);
        if (sheet != null) {
            return "sheet '" + printable(sheet) + "'";
        }
        if (key.equals(sharedStringsPart)) {
            return SHARED_STRINGS;
        }
        return "part '" + printable(entryName) + "'";
    }

    private static String key(String partName) {
        return (partName.startsWith("/") ? partName.substring(1) : partName).toLowerCase(Locale.ROOT);
    }

    // names come from the file: no control characters and no essays in a message
    private static String printable(String name) {
        String clean = name.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return clean.length() > 80 ? clean.substring(0, 80) + "…" : clean;
    }

    /** Counts the bytes an entry unzips to and stops at the bound. */
    private final class Bounded extends FilterInputStream {
        private final String part;
        private long count;

        Bounded(InputStream in, String part) {
            super(in);
            this.part = part;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int read = super.read(b, off, len);
            if (read > 0) {
                counted(read);
            }
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipping still unzips; count it by reading
            byte[] discard = new byte[(int) Math.min(n, 8192)];
            int read = read(discard, 0, discard.length);
            return Math.max(read, 0);
        }

        private void counted(int bytes) {
            count += bytes;
            if (count > limits.maxPartBytes()) {
                throw new FatalConnectorException(part + " expands past " + XlsxLimits.bytes(limits.maxPartBytes())
                        + " (" + XlsxLimits.MAX_PART_BYTES.name() + ")" + RAISE);
            }
        }
    }

    /** The bounds on what a parser and fastexcel hold from one part, applied as the scan reports it. */
    private final class PartRules implements XmlScan.Handler {
        private final String part;
        private final Consumer<XmlScan.Attributes> starts;
        private int depth;
        // rows and cells: fastexcel keeps a row's cells in a list as long as its last column
        private long rows;
        private int openRows;
        private long rowNumber;
        private int nextColumn;
        private long cellsInRow;
        private long cellColumn = -1;
        // texts fastexcel makes a string of: a cell's value, formula or inline string, a shared string's runs
        private int openValues;
        private long valueChars;
        // the shared-strings table, which fastexcel keeps whole
        private int openStrings;
        private long strings;
        private long stringChars;
        private long allStringChars;
        private final Map<String, Integer> listed = new HashMap<>();

        PartRules(String part, Consumer<XmlScan.Attributes> starts) {
            this.part = part;
            this.starts = starts;
        }

        @Override
        public void start(String name, XmlScan.Attributes attributes) {
            if (++depth > MAX_DEPTH) {
                throw new XmlScan.Refused("nests XML elements more than " + XlsxLimits.count(MAX_DEPTH)
                        + " deep, which no spreadsheet program writes");
            }
            if (starts != null) {
                starts.accept(attributes);
            }
            switch (name) {
                case "row" -> startRow(attributes.get("r"));
                case "c" -> startCell(attributes.get("r"));
                case "v", "f", "is", "t" -> {
                    if (openValues++ == 0) {
                        valueChars = 0;
                    }
                }
                case "si" -> startString();
                case "sheet", "Relationship", "xf", "numFmt" -> {
                    if (listed.merge(name, 1, Integer::sum) > MAX_LISTED) {
                        throw new XmlScan.Refused("lists more than " + XlsxLimits.count(MAX_LISTED) + " " + name
                                + " elements, which no spreadsheet program writes");
                    }
                }
                default -> {}
            }
        }

        @Override
        public void end(String name) {
            depth = Math.max(0, depth - 1);
            switch (name) {
                case "row" -> openRows = Math.max(0, openRows - 1);
                case "v", "f", "is", "t" -> openValues = Math.max(0, openValues - 1);
                case "si" -> openStrings = Math.max(0, openStrings - 1);
                default -> {}
            }
        }

        @Override
        public void text(long chars) {
            if (openValues > 0) {
                valueChars += chars;
                if (valueChars > limits.maxCellChars()) {
                    throw new FatalConnectorException(textPlace() + " holds more than "
                            + XlsxLimits.count(limits.maxCellChars()) + " characters ("
                            + XlsxLimits.MAX_CELL_CHARS.name() + ")" + RAISE);
                }
            }
            if (openStrings > 0) {
                stringChars += chars;
                allStringChars += chars;
                if (stringChars > limits.maxCellChars()) {
                    throw new FatalConnectorException(sharedString() + " holds more than "
                            + XlsxLimits.count(limits.maxCellChars()) + " characters ("
                            + XlsxLimits.MAX_CELL_CHARS.name() + ")" + RAISE);
                }
                if (allStringChars > limits.maxSharedStringChars()) {
                    throw new FatalConnectorException(part + " holds more than "
                            + XlsxLimits.count(limits.maxSharedStringChars()) + " characters ("
                            + XlsxLimits.MAX_SHARED_STRING_CHARS.name() + ")" + RAISE);
                }
            }
        }

        private void startRow(String reference) {
            rows++;
            openRows++;
            rowNumber = rows;
            if (reference != null) {
                try {
                    rowNumber = Integer.parseInt(reference); // as fastexcel reads it
                } catch (NumberFormatException e) {
                    // fastexcel refuses the row
                }
            }
            if (rows > limits.maxRows() || rowNumber > limits.maxRows()) {
                throw new FatalConnectorException(part + " has more than " + XlsxLimits.count(limits.maxRows())
                        + " rows (" + XlsxLimits.MAX_ROWS.name() + ")" + RAISE);
            }
            nextColumn = 0;
            cellsInRow = 0;
        }

        private void startCell(String reference) {
            cellColumn = -1;
            if (openRows == 0) {
                return;
            }
            long column = reference == null ? nextColumn : column(reference);
            cellsInRow++;
            if (column == UNREADABLE) {
                return; // fastexcel refuses the row at this cell
            }
            if (column < 0 || column >= limits.maxColumns() || cellsInRow > limits.maxColumns()) {
                throw new FatalConnectorException(part + " has more than " + XlsxLimits.count(limits.maxColumns())
                        + " columns (" + XlsxLimits.MAX_COLUMNS.name() + ")" + RAISE);
            }
            nextColumn = (int) column + 1;
            cellColumn = column;
        }

        private void startString() {
            if (openStrings++ > 0) {
                return;
            }
            stringChars = 0;
            if (++strings > limits.maxSharedStrings()) {
                throw new FatalConnectorException(
                        part + " holds more than " + XlsxLimits.count(limits.maxSharedStrings()) + " strings ("
                                + XlsxLimits.MAX_SHARED_STRINGS.name() + ")" + RAISE);
            }
        }

        private String textPlace() {
            if (openRows > 0 && cellColumn >= 0) {
                return "cell " + XlsxRecordReader.columnName((int) cellColumn) + rowNumber + " of " + part;
            }
            return openStrings > 0 ? sharedString() : "a text in " + part;
        }

        private String sharedString() {
            return part.equals(SHARED_STRINGS) ? "a shared string" : "a shared string in " + part;
        }
    }

    /**
     * The column fastexcel gives a cell reference ({@code CellAddress}), computed the same way,
     * overflow included, since its row keeps a list as long as that column; {@link #UNREADABLE} for
     * a reference fastexcel refuses (a character other than a letter before the row number).
     */
    static long column(String reference) {
        int length = reference.length();
        if (length == 0) {
            return 0;
        }
        int offset = reference.charAt(0) == '$' ? 1 : 0;
        int column = 0;
        for (; offset < length; offset++) {
            char c = reference.charAt(offset);
            if (c == '$' || c >= '0' && c <= '9') {
                break;
            }
            int upper;
            if (c >= 'A' && c <= 'Z') {
                upper = c;
            } else if (c >= 'a' && c <= 'z') {
                upper = c - ('a' - 'A');
            } else {
                return UNREADABLE;
            }
            column = column * 26 + upper - 'A' + 1;
        }
        return column - 1;
    }
}
