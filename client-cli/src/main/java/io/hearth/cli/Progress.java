package io.hearth.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long command, always on stderr so stdout holds only its result. On a terminal the
 * bar redraws its line with carriage returns; elsewhere (a log, a pipe, CI) it prints a plain ASCII
 * line at most every {@link #PLAIN_INTERVAL_MILLIS}, with no carriage return and no escape code.
 * Both show the rate and, once the total is known, the time left.
 */
final class Progress {
    /** A line every few seconds is enough in a log and keeps a long import's log short. */
    static final int PLAIN_INTERVAL_MILLIS = 5_000;

    private static final int PLAIN_WIDTH = 100;

    private Progress() {}

    /**
     * @param total the amount expected, or -1 while unknown (then no percentage and no time left)
     * @param unit e.g. {@code "B"} or {@code " rows"}
     * @param unitSize how many counted units make one shown unit (1024 for KiB, say)
     */
    static ProgressBar start(String task, long total, String unit, long unitSize, PrintWriter err, boolean terminal) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(unit, unitSize)
                .showSpeed();
        if (terminal) {
            builder.setConsumer(new DelegatingProgressBarConsumer(line -> {
                err.print("\r" + line);
                err.flush();
            }));
        } else {
            AtomicReference<String> last = new AtomicReference<>("");
            builder.setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(PLAIN_INTERVAL_MILLIS)
                    .setConsumer(new DelegatingProgressBarConsumer(
                            line -> {
                                // closing renders once more: a log needs the same line only once
                                if (!line.equals(last.getAndSet(line))) {
                                    err.println(line.stripTrailing());
                                    err.flush();
                                }
                            },
                            PLAIN_WIDTH));
        }
        return builder.build();
    }
}
