package io.hearth.bench.reliability;

import io.hearth.proto.v1.SyncRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The races of issue 12, run on the real product: the packaged server jar, one server on HSQLDB
 * and two servers on one PostgreSQL database, driven over gRPC on loopback. For each database it
 * prints a table (calls made, answers by code, people expected and found, duplicates, runs left
 * RUNNING, time) and exits non-zero on any duplicate, any run left RUNNING, any answer a scenario
 * did not expect, any person missing, or when the time bound passes.
 *
 * <pre>bench/reliability.sh short|long [hsqldb|postgresql|both]</pre>
 *
 * <p>PostgreSQL is the database {@code HEARTH_TEST_PG_URL} names (a fresh schema, dropped at the
 * end); without it that part is skipped, saying so. The server jar is
 * {@code server/target/hearth-server.jar}, or the {@code hearth.server.jar} system property.
 */
public final class ReliabilityCheck {
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final String USAGE_TEXT =
            "usage: reliability.sh short|long [hsqldb|postgresql|both]   (PostgreSQL from HEARTH_TEST_PG_URL)";
    /** Lease (30 s) plus reaper period (30 s), with slack: how long a dead server's run may stay RUNNING. */
    private static final Duration REAPER_BOUND = Duration.ofSeconds(75);

    private final Form form;
    private final Path serverJar;
    private final Path logs;

    private ReliabilityCheck(Form form, Path serverJar, Path logs) {
        this.form = form;
        this.serverJar = serverJar;
        this.logs = logs;
    }

    /** What was asked for on the command line. */
    private record Options(Form form, boolean hsqldb, boolean postgresql) {
        static Options parse(String[] args) {
            Form form = Form.SHORT;
            String databases = "both";
            for (String arg : args) {
                switch (arg.toLowerCase(Locale.ROOT)) {
                    case "short" -> form = Form.SHORT;
                    case "long" -> form = Form.LONG;
                    case "hsqldb", "postgresql", "both" -> databases = arg.toLowerCase(Locale.ROOT);
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            return new Options(form, !databases.equals("postgresql"), !databases.equals("hsqldb"));
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            exitWithUsage(e.getMessage());
            return;
        }
        String pgUrl = System.getenv("HEARTH_TEST_PG_URL");
        boolean pgConfigured = pgUrl != null && !pgUrl.isBlank();
        if (options.postgresql() && !options.hsqldb() && !pgConfigured) {
            exitWithUsage("PostgreSQL asked for, but HEARTH_TEST_PG_URL is not set");
        }
        Path serverJar = Path.of(System.getProperty("hearth.server.jar", "server/target/hearth-server.jar"));
        if (!Files.isRegularFile(serverJar)) {
            exitWithUsage(
                    "no server jar at " + serverJar.toAbsolutePath() + "; build it: ./mvnw -q package -DskipTests");
        }

        Path logs = Files.createTempDirectory("hearth-reliability-logs");
        Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::runAll, "reliability-cleanup"));
        Watchdog.arm(options.form().timeBound(), logs);
        System.out.printf(
                "Hearth reliability check, %s form, %d cores, time bound %d min%n",
                options.form().name().toLowerCase(Locale.ROOT),
                Runtime.getRuntime().availableProcessors(),
                options.form().timeBound().toMinutes());
        ReliabilityCheck check = new ReliabilityCheck(options.form(), serverJar, logs);
        boolean passed = true;
        if (options.hsqldb()) {
            passed &= check.run("HSQLDB", work -> Deployment.hsqldb(check.serverJar, work, check.logs));
        }
        if (!options.postgresql()) {
            System.out.println("\nPostgreSQL: not asked for");
        } else if (!pgConfigured) {
            System.out.println("\nPostgreSQL: SKIPPED (set HEARTH_TEST_PG_URL to run it)");
        } else {
            passed &= check.run("PostgreSQL", work -> Deployment.postgresql(check.serverJar, work, check.logs, pgUrl));
        }
        System.exit(check.verdict(passed));
    }

    private static void exitWithUsage(String problem) {
        System.err.println("reliability: " + problem + "\n" + USAGE_TEXT);
        System.exit(USAGE);
    }

    /** Prints the verdict; the servers' logs are kept only when something failed. */
    private int verdict(boolean passed) {
        if (passed) {
            TempFiles.deleteRecursively(logs);
            System.out.println("\nreliability: PASSED");
            return PASSED;
        }
        System.out.println("\nreliability: FAILED (server logs kept in " + logs + ")");
        return FAILED;
    }

    private interface DeploymentFactory {
        Deployment open(Path work) throws Exception;
    }

    /** Every scenario of the form against one deployment, then the closing count of sync runs. */
    private boolean run(String database, DeploymentFactory factory) throws Exception {
        Path work = Files.createTempDirectory("hearth-reliability");
        try (Cleanup.Step deleteWork = Cleanup.register("delete " + work, () -> TempFiles.deleteRecursively(work))) {
            Deployment deployment;
            try {
                deployment = factory.open(work);
            } catch (Exception e) {
                System.out.println("\n== " + database + " ==\nFAILED: the servers did not start: " + e);
                return false;
            }
            try (deployment) {
                List<Result> results = new ArrayList<>();
                for (Scenario scenario : form.scenarios()) {
                    results.add(runOne(scenario, deployment));
                }
                ClosingCount closing = ClosingCount.of(deployment);
                Report.print(System.out, deployment.name(), results, closing.toString());
                return closing.passed()
                        && results.stream().allMatch(r -> r.failures().isEmpty());
            }
        }
    }

    private static Result runOne(Scenario scenario, Deployment deployment) {
        System.out.println(deployment.name() + ": " + scenario.name() + " ...");
        long start = System.nanoTime();
        try {
            return scenario.run(deployment);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Result.broken(scenario.name(), e, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * After every scenario no run may be RUNNING. Only a run whose server died may be, until its
     * lease runs out and a reaper marks it, so the count waits for that, bounded, where needed.
     */
    private record ClosingCount(int runs, long running, String error) {
        static ClosingCount of(Deployment deployment) throws InterruptedException {
            try {
                long running = SyncRuns.awaitNoneRunning(deployment.server(0), REAPER_BOUND);
                List<SyncRun> runs = SyncRuns.all(deployment.server(0));
                return new ClosingCount(runs.size(), running, null);
            } catch (RuntimeException e) {
                return new ClosingCount(0, 0, e.toString());
            }
        }

        boolean passed() {
            return error == null && running == 0;
        }

        @Override
        public String toString() {
            if (error != null) {
                return "sync runs at the end: FAILED to list them: " + error;
            }
            return String.format(
                    "sync runs at the end: %d in all, %d left RUNNING%s", runs, running, running > 0 ? "  FAILED" : "");
        }
    }
}
