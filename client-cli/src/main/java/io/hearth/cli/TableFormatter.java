package io.hearth.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lays rows of text out in columns, each as wide as its widest cell on a terminal (a CJK character
 * takes two columns, see {@link DisplayWidth}), two spaces apart. A row may
 * carry detail lines, printed as given beneath it without affecting the column widths.
 */
final class TableFormatter {

    private static final String COLUMN_GAP = "  ";

    private record Row(List<String> cells, List<String> details) {}

    private final int columns;
    private final List<Row> rows = new ArrayList<>();

    TableFormatter(String... headers) {
        columns = headers.length;
        rows.add(new Row(List.of(headers), new ArrayList<>()));
    }

    TableFormatter addRow(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells but got " + Arrays.toString(cells));
        }
        rows.add(new Row(Arrays.stream(cells).map(TableFormatter::singleLine).toList(), new ArrayList<>()));
        return this;
    }

    /** Adds a line beneath the last row added, e.g. an indented explanation. */
    TableFormatter addDetail(String line) {
        if (rows.size() == 1) {
            throw new IllegalStateException("a detail line belongs to a row; add one first");
        }
        rows.get(rows.size() - 1).details().add(singleLine(line).stripTrailing());
        return this;
    }

    void printTo(PrintWriter out) {
        int[] widths = new int[columns];
        for (Row row : rows) {
            for (int column = 0; column < columns; column++) {
                widths[column] =
                        Math.max(widths[column], DisplayWidth.of(row.cells().get(column)));
            }
        }
        for (Row row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < columns; column++) {
                if (column > 0) {
                    line.append(COLUMN_GAP);
                }
                String cell = row.cells().get(column);
                line.append(cell).append(" ".repeat(widths[column] - DisplayWidth.of(cell)));
            }
            out.println(line.toString().stripTrailing());
            row.details().forEach(out::println);
        }
    }

    /** A line break or tab inside a cell would tear the row apart. */
    private static String singleLine(String cell) {
        return cell.replaceAll("[\\r\\n\\t]+", " ");
    }
}
