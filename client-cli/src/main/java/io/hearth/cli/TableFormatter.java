package io.hearth.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Lays rows of text out in columns, each as wide as its widest cell, two spaces apart. */
final class TableFormatter {

    private static final String COLUMN_GAP = "  ";

    private final int columns;
    private final List<List<String>> rows = new ArrayList<>();

    TableFormatter(String... headers) {
        columns = headers.length;
        rows.add(List.of(headers));
    }

    TableFormatter addRow(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException(
                    "expected " + columns + " cells but got " + Arrays.toString(cells));
        }
        rows.add(Arrays.stream(cells).map(TableFormatter::singleLine).toList());
        return this;
    }

    void printTo(PrintWriter out) {
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int column = 0; column < columns; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < columns; column++) {
                if (column > 0) {
                    line.append(COLUMN_GAP);
                }
                line.append(row.get(column))
                        .append(" ".repeat(widths[column] - row.get(column).length()));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** A line break or tab inside a cell would tear the row apart. */
    private static String singleLine(String cell) {
        return cell.replaceAll("[\\r\\n\\t]+", " ");
    }
}
