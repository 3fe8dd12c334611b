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

/**
 * Guesses how a spreadsheet program saved a text file: its encoding (UTF-8 with or without a byte
 * order mark, UTF-16 with one, else Windows-1252, what Excel on Windows writes) and its delimiter
 * and quote (from the first lines). Files that are not text fail here with a message saying what
 * they look like instead.
 */
final class TextSniffer {
    private static final int SAMPLE_BYTES = 64 * 1024;
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    record Layout(Charset charset, int bomLength, char delimiter, char quote) {
    }

    private TextSniffer() {
    }

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
        if (charset != StandardCharsets.UTF_16LE && charset != StandardCharsets.UTF_16BE) {
            int nul = indexOf(sample, (byte) 0);
            if (nul >= 0) {
                throw new FatalConnectorException(file.getFileName() + " is not a text file: binary content at byte "
                        + (nul + 1) + "; save it as CSV from your spreadsheet program");
            }
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
            throw new FatalConnectorException(file.getFileName() + " is an old Excel workbook (.xls): save it as "
                    + ".xlsx or CSV first");
        }
    }

    static char delimiter(String value) {
        String v = value.equals("\\t") || value.equalsIgnoreCase("tab") ? "\t" : value;
        if (v.length() != 1) {
            throw new FatalConnectorException("delimiter must be one character (or \\t), got '" + value + "'");
        }
        return v.charAt(0);
    }

    /** The candidate that splits the first lines into the most, and most consistent, fields. */
    private static char guessDelimiter(String text) {
        String[] lines = text.split("\r\n|\n|\r", 11);
        char best = ',';
        int bestScore = 0;
        for (char candidate : new char[] {',', ';', '\t', '|'}) {
            int[] counts = Arrays.stream(lines).limit(10).filter(l -> !l.isBlank())
                    .mapToInt(l -> countOutsideQuotes(l, candidate)).toArray();
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
            StandardCharsets.UTF_8.newDecoder()
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

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
