package io.hearth.connector.xlsx;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.regex.Pattern;
import org.dhatim.fastexcel.reader.Cell;

/**
 * A cell as the text a person sees: numbers without float noise (a phone typed into Excel is the
 * number 4155550100, not 4.15555E9), dates in ISO form when the cell's format is a date format.
 */
final class CellText {
    // a format is a date format when it uses day, month, year or hour placeholders outside quotes and brackets
    private static final Pattern QUOTED_OR_BRACKETED = Pattern.compile("\"[^\"]*\"|\\[[^]]*]|\\\\.");
    private static final Pattern DATE_PARTS = Pattern.compile("[dmyhs]", Pattern.CASE_INSENSITIVE);
    // built-in date formats that files may use without a format string (ECMA-376 18.8.30)
    private static final int[][] BUILT_IN_DATE_IDS = {{14, 22}, {45, 47}};

    private CellText() {}

    static String of(Cell cell) {
        if (cell == null) {
            return "";
        }
        return switch (cell.getType()) {
            case STRING -> cell.asString();
            case NUMBER -> isDate(cell) ? date(cell.asDate()) : number(cell.asNumber());
            case BOOLEAN -> cell.asBoolean().toString();
            // the value the program computed when it saved the file
            case FORMULA -> cell.getRawValue() == null ? "" : cell.getRawValue();
            case ERROR, EMPTY -> "";
        };
    }

    private static boolean isDate(Cell cell) {
        Integer id = cell.getDataFormatId();
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

    private static String date(LocalDateTime value) {
        return value.toLocalTime().equals(LocalTime.MIDNIGHT)
                ? value.toLocalDate().toString()
                : value.toString();
    }

    private static String number(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
