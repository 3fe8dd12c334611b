package io.hearth.connector.xlsx;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.regex.Pattern;
import org.dhatim.fastexcel.reader.Cell;

/**
 * A cell as the text a person sees: numbers without float noise (a phone typed into Excel is the
 * number 4155550100, not 4.15555E9), dates in ISO form when the cell's format is a date format.
 * Whatever a file holds, this returns text: a date no calendar holds stays a number, a number of
 * absurd size stays in E notation, a format id that is no number names no format.
 */
final class CellText {
    // a format is a date format when it uses day, month, year or hour placeholders outside quotes and brackets
    private static final Pattern QUOTED_OR_BRACKETED = Pattern.compile("\"[^\"]*\"|\\[[^]]*]|\\\\.");
    private static final Pattern DATE_PARTS = Pattern.compile("[dmyhs]", Pattern.CASE_INSENSITIVE);
    // built-in date formats that files may use without a format string (ECMA-376 18.8.30)
    private static final int[][] BUILT_IN_DATE_IDS = {{14, 22}, {45, 47}};
    // more digits than any genuine cell has before or after the point: 1E999999999 written out
    // would be a billion characters (found by XlsxReaderFuzzTest, like the two cases below)
    private static final int MAX_PLAIN_DIGITS = 100;

    private CellText() {}

    static String of(Cell cell) {
        if (cell == null) {
            return "";
        }
        return switch (cell.getType()) {
            case STRING -> cell.asString() == null ? "" : cell.asString();
            case NUMBER -> cell.getRawValue() == null ? "" : numberOrDate(cell);
            // a boolean cell without a value (found by XlsxReaderFuzzTest) reads as empty
            case BOOLEAN -> cell.asBoolean() == null ? "" : cell.asBoolean().toString();
            // the value the program computed when it saved the file
            case FORMULA -> cell.getRawValue() == null ? "" : cell.getRawValue();
            case ERROR, EMPTY -> "";
        };
    }

    private static String numberOrDate(Cell cell) {
        if (isDate(cell)) {
            try {
                return date(cell.asDate());
            } catch (RuntimeException e) {
                // a serial number no calendar holds (1E300, NaN, far before 1900): shown as the number
            }
        }
        return number(cell.asNumber());
    }

    private static boolean isDate(Cell cell) {
        Integer id = dataFormatId(cell);
        if (id != null) {
            for (int[] range : BUILT_IN_DATE_IDS) {
                if (id >= range[0] && id <= range[1]) {
                    return true;
                }
            }
        }
        String format = cell.getDataFormatString();
        if (format == null || format.equalsIgnoreCase("general")) {
            return false;
        }
        return DATE_PARTS
                .matcher(QUOTED_OR_BRACKETED.matcher(format).replaceAll(""))
                .find();
    }

    /** The cell's number format id; null when its style names none or one that is no number. */
    private static Integer dataFormatId(Cell cell) {
        try {
            return cell.getDataFormatId();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String date(LocalDateTime value) {
        return value.toLocalTime().equals(LocalTime.MIDNIGHT)
                ? value.toLocalDate().toString()
                : value.toString();
    }

    private static String number(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        long integerDigits = (long) stripped.precision() - stripped.scale();
        return integerDigits > MAX_PLAIN_DIGITS || stripped.scale() > MAX_PLAIN_DIGITS
                ? stripped.toString()
                : stripped.toPlainString();
    }
}
