package io.hearth.connector.xlsx;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A minimal .xlsx written entry by entry, so a test can put anything in a sheet or in the
 * shared strings, streamed: a part of hundreds of megabytes of repeated text deflates to a file of
 * a few hundred kilobytes without ever being in memory. The one sheet is called Leads.
 */
final class HandMadeWorkbook {
    static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /** Writes the XML (or bytes) of one part. */
    interface Part {
        void write(Writer out) throws IOException;
    }

    private Part sheetData = out -> {};
    private Part cellFormats = out -> out.write("<xf numFmtId=\"0\"/>");
    private Part sharedStrings;
    private Part sheet;
    private Charset sheetEncoding = StandardCharsets.UTF_8;
    private final Map<String, Part> extra = new LinkedHashMap<>();

    /** What goes between {@code <sheetData>} and {@code </sheetData>}. */
    HandMadeWorkbook sheetData(Part rows) {
        this.sheetData = rows;
        return this;
    }

    /** The whole sheet part, declaration included, instead of a sheet around {@link #sheetData}. */
    HandMadeWorkbook sheet(Part wholeSheet) {
        this.sheet = wholeSheet;
        return this;
    }

    /** What goes between {@code <cellXfs>} and {@code </cellXfs>} in the styles. */
    HandMadeWorkbook cellFormats(Part formats) {
        this.cellFormats = formats;
        return this;
    }

    /** The encoding the whole sheet of {@link #sheet} is written in. */
    HandMadeWorkbook sheetEncoding(Charset encoding) {
        this.sheetEncoding = encoding;
        return this;
    }

    /** What goes between {@code <sst>} and {@code </sst>}. */
    HandMadeWorkbook sharedStrings(Part strings) {
        this.sharedStrings = strings;
        return this;
    }

    /** One more entry, written as Latin-1 text (so {@code (char) 0} .. {@code (char) 255} are bytes). */
    HandMadeWorkbook entry(String name, Part content) {
        extra.put(name, content);
        return this;
    }

    Path write(Path file) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            text(
                    zip,
                    "[Content_Types].xml",
                    out -> out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-"
                            + "officedocument.spreadsheetml.sheet.main+xml\"/>"
                            + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd."
                            + "openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-"
                            + "officedocument.spreadsheetml.styles+xml\"/>"
                            + (sharedStrings == null
                                    ? ""
                                    : "<Override PartName=\"/xl/sharedStrings.xml\" ContentType="
                                            + "\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>")
                            + "</Types>"));
            text(
                    zip,
                    "xl/workbook.xml",
                    out -> out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                            + "<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"http://schemas.openxmlformats.org/"
                            + "officeDocument/2006/relationships\"><sheets><sheet name=\"Leads\" sheetId=\"1\" r:id=\"rId1\"/>"
                            + "</sheets></workbook>"));
            text(
                    zip,
                    "xl/_rels/workbook.xml.rels",
                    out -> out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                            + "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"));
            text(zip, "xl/styles.xml", out -> {
                out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"" + MAIN + "\"><cellXfs>");
                cellFormats.write(out);
                out.write("</cellXfs></styleSheet>");
            });
            text(
                    zip,
                    "xl/worksheets/sheet1.xml",
                    sheetEncoding,
                    sheet != null
                            ? sheet
                            : out -> {
                                out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + MAIN
                                        + "\"><sheetData>");
                                sheetData.write(out);
                                out.write("</sheetData></worksheet>");
                            });
            if (sharedStrings != null) {
                text(zip, "xl/sharedStrings.xml", out -> {
                    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + MAIN + "\">");
                    sharedStrings.write(out);
                    out.write("</sst>");
                });
            }
            for (Map.Entry<String, Part> part : extra.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                Writer out = new OutputStreamWriter(unclosable(zip), StandardCharsets.ISO_8859_1);
                part.getValue().write(out);
                out.flush();
                zip.closeEntry();
            }
        }
        return file;
    }

    private static void text(ZipOutputStream zip, String name, Part part) throws IOException {
        text(zip, name, StandardCharsets.UTF_8, part);
    }

    private static void text(ZipOutputStream zip, String name, Charset encoding, Part part) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Writer out = new OutputStreamWriter(unclosable(zip), encoding);
        part.write(out);
        out.flush();
        zip.closeEntry();
    }

    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** Writes {@code count} copies of {@code c} in chunks. */
    static void repeat(Writer out, char c, long count) throws IOException {
        char[] chunk = new char[64 * 1024];
        Arrays.fill(chunk, c);
        for (long left = count; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(left, chunk.length));
        }
    }

    /** Writes {@code count} copies of {@code text}. */
    static void repeat(Writer out, String text, long count) throws IOException {
        for (long i = 0; i < count; i++) {
            out.write(text);
        }
    }

    /** A row of inline strings. */
    static String row(int number, String... values) {
        StringBuilder row = new StringBuilder("<row r=\"" + number + "\">");
        for (int i = 0; i < values.length; i++) {
            row.append("<c r=\"")
                    .append(XlsxRecordReader.columnName(i))
                    .append(number)
                    .append("\" t=\"inlineStr\"><is><t>")
                    .append(values[i])
                    .append("</t></is></c>");
        }
        return row.append("</row>").toString();
    }

    /**
     * Rewrites the uncompressed size the zip's central directory declares for {@code entry}: a
     * reader that trusted it would stop counting there.
     */
    static void declareSize(Path file, String entry, int size) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        ByteBuffer zip = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        boolean found = false;
        for (int at = 0; at + 46 + name.length <= bytes.length; at++) {
            if (zip.getInt(at) == 0x02014b50
                    && zip.getShort(at + 28) == name.length
                    && Arrays.equals(bytes, at + 46, at + 46 + name.length, name, 0, name.length)) {
                zip.putInt(at + 24, size);
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no central directory entry " + entry);
        }
        Files.write(file, bytes);
    }
}
