package io.hearth.connector.csv;

import io.hearth.connector.spi.FatalConnectorException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Guesses how a spreadsheet program saved a text file: its encoding (UTF-8 with or without a byte
 * order mark, UTF-16 with one, else Windows-1252, what Excel on Windows writes) and its delimiter
 * and quote (from the first lines). Files that are not text fail here with a message saying what
 * they look like instead.
 */
final class TextSniffer {
    private static final int SAMPLE_BYTES = 64 * 1024;
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    record Layout(Charset charset, int bomLength, char delimiter, char quote) {}

    private TextSniffer() {}

    static Layout sniff(Path file, String encodingOverride, String delimiterOverride) {
        byte[] sample = head(file);
        if (sample.length == 0) {
            throw new FatalConnectorException(file.getFileName() + " is empty: there is nothing to import");
        }
        rejectNonText(file, sample);
        int bom = 0;
        Charset charset;
        if (startsWith(sample, 0xEF, 0xBB, 0xBF)) {
            bom = 3;
            charset = StandardCharsets.UTF_8;
        } else if (startsWith(sample, 0xFF, 0xFE)) {
            bom = 2;
            charset = StandardCharsets.UTF_16LE;
        } else if (startsWith(sample, 0xFE, 0xFF)) {
            bom = 2;
            charset = StandardCharsets.UTF_16BE;
        } else {
            charset = isUtf8(sample) ? StandardCharsets.UTF_8 : WINDOWS_1252;
        }
        if (encodingOverride != null) {
            charset = Charset.forName(encodingOverride);
        }
        if (charset != StandardCharsets.UTF_16LE && charset != StandardCharsets.UTF_16BE && looksBinary(sample)) {
            throw new FatalConnectorException(file.getFileName() + " is not a text file: binary content at byte "
                    + (firstControl(sample) + 1) + "; save it as CSV from your spreadsheet program");
        }
        String text = new String(sample, bom, sample.length - bom, charset);
        char delimiter = delimiterOverride != null ? delimiter(delimiterOverride) : guessDelimiter(text);
        return new Layout(charset, bom, delimiter, guessQuote(text, delimiter));
    }

    private static void rejectNonText(Path file, byte[] sample) {
        if (startsWith(sample, 'P', 'K', 3, 4)) {
            throw new FatalConnectorException(file.getFileName() + " is a zip archive, most likely an Excel workbook "
                    + "(.xlsx): import it with the xlsx connector");
        }
        if (startsWith(sample, 0xD0, 0xCF, 0x11, 0xE0)) {
            throw new FatalConnectorException(
                    file.getFileName() + " is an old Excel workbook (.xls): save it as " + ".xlsx or CSV first");
        }
    }

    static char delimiter(String value) {
        delimiterProblem(value).ifPresent(problem -> {
            throw new FatalConnectorException("delimiter " + problem + ", got '" + value + "'");
        });
        return expand(value).charAt(0);
    }

    /**
     * Why {@code value} cannot separate fields, if it cannot: it must be one character (or
     * {@code \t}), and neither a quote, which opens a quoted field, nor a line break, which ends a
     * row.
     */
    static Optional<String> delimiterProblem(String value) {
        String v = expand(value);
        if (v.length() != 1) {
            return Optional.of("must be one character or \\t");
        }
        char c = v.charAt(0);
        if (c == '"' || c == '\'' || c == '\n' || c == '\r') {
            return Optional.of("cannot be a quote or a line break");
        }
        return Optional.empty();
    }

    private static String expand(String value) {
        return value.equals("\\t") || value.equalsIgnoreCase("tab") ? "\t" : value;
    }

    /** The candidate that splits the first lines into the most, and most consistent, fields. */
    private static char guessDelimiter(String text) {
        String[] lines = text.split("\r\n|\n|\r", 11);
        char best = ',';
        int bestScore = 0;
        for (char candidate : new char[] {',', ';', '\t', '|'}) {
            int[] counts = Arrays.stream(lines)
                    .limit(10)
                    .filter(l -> !l.isBlank())
                    .mapToInt(l -> countOutsideQuotes(l, candidate))
                    .toArray();
            if (counts.length == 0) {
                continue;
            }
            int min = Arrays.stream(counts).min().orElse(0);
            int max = Arrays.stream(counts).max().orElse(0);
            int score = max * 2 + min;
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    /** Double quotes, unless fields open with single quotes and never with double ones. */
    private static char guessQuote(String text, char delimiter) {
        String firstLines = text.length() > 4096 ? text.substring(0, 4096) : text;
        String d = Character.toString(delimiter);
        boolean doubleQuoted = firstLines.startsWith("\"") || firstLines.contains(d + "\"");
        boolean singleQuoted = firstLines.startsWith("'") || firstLines.contains(d + "'");
        return singleQuoted && !doubleQuoted ? '\'' : '"';
    }

    private static int countOutsideQuotes(String line, char delimiter) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }

    private static boolean isUtf8(byte[] sample) {
        try {
            // the sample may end inside a multi-byte character: judge all but its last three bytes
            int length = sample.length == SAMPLE_BYTES ? sample.length - 3 : sample.length;
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(sample, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SAMPLE_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether control bytes (other than tab, line breaks and form feed) make up 1% of the sample or
     * more: in a binary file about a tenth of the bytes are, in a text file almost none. A stray NUL
     * or two in a spreadsheet's export is one bad cell, which the importer rejects with its row,
     * not a reason to refuse the file.
     */
    private static boolean looksBinary(byte[] sample) {
        int controls = 0;
        for (byte b : sample) {
            if (isControl(b)) {
                controls++;
            }
        }
        return controls > 0 && controls * 100L >= sample.length;
    }

    private static int firstControl(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (isControl(bytes[i])) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isControl(byte b) {
        return b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x0B;
    }
}
