package io.hearth.bench.reliability;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Keeps the check bounded in time whatever hangs (a server that never answers, a lock wait that
 * never ends): past the bound it stops every server, drops the schemas and exits non-zero.
 */
final class Watchdog {
    static final int TIMED_OUT = 3;
    private static final Duration CLEANUP_BOUND = Duration.ofSeconds(30);

    private Watchdog() {}

    /** @param logs where the servers' logs stay for a look at what hung */
    static void arm(Duration bound, Path logs) {
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(bound.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                    System.err.printf(
                            "reliability: FAILED: still running after %d minutes; stopping every server "
                                    + "(their logs stay in %s)%n",
                            bound.toMinutes(), logs);
                    Thread cleanup = new Thread(Cleanup::runAll, "reliability-watchdog-cleanup");
                    cleanup.setDaemon(true);
                    cleanup.start();
                    try {
                        cleanup.join(CLEANUP_BOUND.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    // halt, not exit: the main thread may hold what an orderly exit would wait for
                    Runtime.getRuntime().halt(TIMED_OUT);
                },
                "reliability-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
