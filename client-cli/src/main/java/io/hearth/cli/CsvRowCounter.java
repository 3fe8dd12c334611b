package io.hearth.cli;

/**
 * Counts the records of a CSV file as its bytes go by, so that the import's progress knows its total
 * by the time the upload ends: a line break inside a quoted field does not end a record, and a
 * blank line is no record. Byte-wise, which holds for every encoding where quotes and line breaks
 * are single ASCII bytes (UTF-8, windows-1252, ISO-8859-x); for UTF-16 the count is off and the
 * progress grows its total as rows arrive.
 */
final class CsvRowCounter {
    private boolean quoted;
    private boolean recordHasContent;
    private long records;

    void accept(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b == '"') {
                // an escaped quote ("") toggles twice: the state comes out right
                quoted = !quoted;
                recordHasContent = true;
            } else if (b == '\n' && !quoted) {
                endRecord();
            } else if (b != '\r') {
                recordHasContent = true;
            }
        }
    }

    /** The data rows: every record but the header. */
    long dataRows() {
        long all = records + (recordHasContent ? 1 : 0);
        return Math.max(0, all - 1);
    }

    private void endRecord() {
        if (recordHasContent) {
            records++;
        }
        recordHasContent = false;
    }
}
