package io.hearth.bench.reliability;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** One plain table per database: a row per scenario, then its notes and anything that failed. */
final class Report {
    private static final String[] HEADER = {
        "scenario", "calls", "answers", "people expected", "people found", "duplicates", "runs left RUNNING", "time s"
    };
    /** Which columns are numbers, aligned right. */
    private static final boolean[] NUMERIC = {false, true, false, true, true, true, true, true};

    private Report() {}

    static void print(PrintStream out, String database, List<Result> results, String closing) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Result r : results) {
            rows.add(new String[] {
                r.scenario,
                String.format("%,d", r.answers.calls()),
                r.answers.summary(),
                String.format("%,d", r.peopleExpected),
                String.format("%,d", r.census.found()),
                Long.toString(r.census.duplicates()),
                Long.toString(r.runsRunning),
                String.format("%.1f", r.time.toMillis() / 1000.0)
            });
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        out.println();
        out.println("== " + database + " ==");
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String format = "%" + (NUMERIC[c] ? "" : "-") + widths[c] + "s";
                line.append(c == 0 ? "" : "  ").append(String.format(format, row[c]));
            }
            out.println(line.toString().stripTrailing());
        }
        for (Result r : results) {
            r.notes.forEach(note -> out.println("  " + r.scenario + ": " + note));
            r.failures().forEach(failure -> out.println("  FAILED " + r.scenario + ": " + failure));
        }
        out.println(closing);
    }
}
