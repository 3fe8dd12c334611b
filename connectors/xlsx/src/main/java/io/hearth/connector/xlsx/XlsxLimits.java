package io.hearth.connector.xlsx;

import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.ConfigProblem;
import io.hearth.connector.spi.ConfigType;
import io.hearth.connector.spi.FatalConnectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How far a workbook may expand when it is read. An .xlsx is a zip of XML, so a file of a megabyte
 * can unzip to gigabytes, and the reader holds some of what it unzips: each row's cells, every
 * shared string. Each bound is a config key so that a genuine file past it can still be read by
 * raising it.
 *
 * <p>The defaults fit a sheet of about 300,000 people as Hearth itself exports them (13 columns:
 * 34 MB of sheet XML, 505,000 shared strings and 10 million characters of them per 100,000 rows),
 * and keep what one read holds to a few hundred megabytes at worst.
 */
record XlsxLimits(
        long maxPartBytes,
        long maxCellChars,
        long maxRows,
        long maxColumns,
        long maxSharedStrings,
        long maxSharedStringChars) {
    // 100 MiB: everything the reader holds from one part (a batch of rows, one huge row) is text
    // taken from that part, so this also caps it; about 300,000 rows of Hearth's own export
    static final ConfigKey MAX_PART_BYTES = limit(
            "max_part_bytes",
            100L << 20,
            "most bytes any one part of the workbook (a sheet, the shared strings) may unzip to; 100 MiB by default");
    // Excel's own limit: no spreadsheet program writes a longer cell
    static final ConfigKey MAX_CELL_CHARS = limit(
            "max_cell_chars",
            32_767,
            "most characters in one cell or shared string; 32,767 (Excel's own limit) by default");
    // Excel's own limits on a sheet
    static final ConfigKey MAX_ROWS = limit(
            "max_rows",
            1_048_576,
            "most rows a sheet may have, counting its row numbers too; 1,048,576 (Excel's own limit) by default");
    static final ConfigKey MAX_COLUMNS = limit(
            "max_columns", 16_384, "most columns a row may have (column XFD); 16,384 (Excel's own limit) by default");
    // the shared-strings table is the one structure the reader keeps whole for the entire read:
    // 2 Mi strings (about 100 MB of object overhead at worst) fit about 400,000 rows of Hearth's
    // own export, 64 Mi characters (64 to 128 MB) about 650,000
    static final ConfigKey MAX_SHARED_STRINGS = limit(
            "max_shared_strings",
            2L << 20,
            "most entries in the workbook's shared-strings table, which is held in memory; 2,097,152 by default");
    static final ConfigKey MAX_SHARED_STRING_CHARS = limit(
            "max_shared_string_chars",
            64L << 20,
            "most characters in the shared-strings table, all strings together; 67,108,864 (64 Mi) by default");

    static final List<ConfigKey> KEYS =
            List.of(MAX_PART_BYTES, MAX_CELL_CHARS, MAX_ROWS, MAX_COLUMNS, MAX_SHARED_STRINGS, MAX_SHARED_STRING_CHARS);

    static final XlsxLimits DEFAULTS = from(Map.of());

    /** Keys that hold a whole number but not a positive one; the type check reports other values. */
    static List<ConfigProblem> problems(Map<String, String> config) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (ConfigKey key : KEYS) {
            String value = key.valueIn(config).orElseThrow();
            Long parsed = parse(value);
            if (parsed != null && parsed <= 0) {
                problems.add(new ConfigProblem(key.name(), "must be a positive whole number, got '" + value + "'"));
            }
        }
        return problems;
    }

    /** The limits a config sets; a value {@link #problems} or the type check would refuse fails the read. */
    static XlsxLimits from(Map<String, String> config) {
        return new XlsxLimits(
                value(MAX_PART_BYTES, config),
                value(MAX_CELL_CHARS, config),
                value(MAX_ROWS, config),
                value(MAX_COLUMNS, config),
                value(MAX_SHARED_STRINGS, config),
                value(MAX_SHARED_STRING_CHARS, config));
    }

    private static long value(ConfigKey key, Map<String, String> config) {
        String value = key.valueIn(config).orElseThrow();
        Long parsed = parse(value);
        if (parsed == null || parsed <= 0) {
            throw new FatalConnectorException(key.name() + " must be a positive whole number, got '" + value + "'");
        }
        return parsed;
    }

    private static Long parse(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ConfigKey limit(String name, long defaultValue, String doc) {
        return ConfigKey.optional(name, ConfigType.INTEGER, Long.toString(defaultValue), doc);
    }

    /** A byte count as people read it: {@code 100 MiB}, {@code 64 KiB}, else {@code 1,000 bytes}. */
    static String bytes(long count) {
        if (count >= 1L << 20 && count % (1L << 20) == 0) {
            return count(count >> 20) + " MiB";
        }
        if (count >= 1L << 10 && count % (1L << 10) == 0) {
            return count(count >> 10) + " KiB";
        }
        return count(count) + (count == 1 ? " byte" : " bytes");
    }

    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}
