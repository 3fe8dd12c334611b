package io.hearth.bench.rpc;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.ManagedChannel;
import io.hearth.proto.v1.StartSyncRequest;
import io.hearth.proto.v1.SyncRun;
import io.hearth.proto.v1.SyncRunState;
import io.hearth.proto.v1.SyncServiceGrpc;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The work queue's first page through gRPC at scale: {@code LEADS} people (1,000,000 by default)
 * are imported into a fresh server from one CSV file (timed: the import through the server), then
 * {@code ListQueue} for the team and for one rep, first 50, is driven against the no-op floor
 * ({@link NoOpFloor}) interleaved, as {@link RpcBench} does: straight after the import, and again
 * after a restart (whose start to SERVING with every lead in place is timed too).
 *
 * <pre>
 * java -cp bench/target/hearth-bench.jar io.hearth.bench.rpc.QueueAtScaleBench [LEADS] [SECONDS] [ROUNDS] [PG_URL] [hsqldb|postgresql]
 * </pre>
 *
 * The people come from 50 reps, with the usual mix of sources (a quarter web form, the rest
 * referrals, trade shows and purchased lists), so every lane of the queue holds many.
 */
public final class QueueAtScaleBench {
    private static final int REPS = 50;
    private static final String[] SOURCES = {"Web", "Referral", "Trade Show", "Purchased List"};

    private QueueAtScaleBench() {}

    public static void main(String[] args) throws Exception {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String pgUrl = args.length > 3 && !args[3].isBlank() ? args[3] : null;
        String only = args.length > 4 ? args[4] : "";
        Path serverJar = Path.of(System.getProperty("hearth.server.jar", "server/target/hearth-server.jar"));
        Path benchJar = Path.of(QueueAtScaleBench.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        if (!Files.isRegularFile(serverJar)) {
            throw new IllegalArgumentException(serverJar + " not found: build it with ./mvnw -q package -DskipTests, "
                    + "or name it with -Dhearth.server.jar=PATH");
        }
        // -Dhearth.bench.jvm=... adds options to both sides
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        for (String option : System.getProperty("hearth.bench.jvm", "").split(" ")) {
            if (!option.isBlank()) {
                jvm.add(option);
            }
        }
        // Hearth as bin/hearth-server starts it: with the class-data archive the build made beside the
        // jar (-Dhearth.noArchive=true: without); -Dhearth.server.jvm=... adds options to Hearth's JVM
        // only, e.g. "-XX:StartFlightRecording=filename=q.jfr,settings=profile"
        List<String> hearthJvm = new ArrayList<>(jvm);
        Path archive = serverJar.resolveSibling("hearth-server.jsa");
        if (Files.isRegularFile(archive) && !Boolean.getBoolean("hearth.noArchive")) {
            hearthJvm.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"));
        }
        String extra = System.getProperty("hearth.server.jvm", "").trim();
        if (!extra.isEmpty()) {
            hearthJvm.addAll(List.of(extra.split("\\s+")));
        }
        System.out.printf(
                Locale.ROOT,
                "Queue at scale: %,d leads imported, then ListQueue (first 50) at %d calls in flight, %d rounds of "
                        + "%d s per side, interleaved; %d cores, %s%n",
                leads,
                RpcBench.IN_FLIGHT,
                rounds,
                seconds,
                Runtime.getRuntime().availableProcessors(),
                RpcBench.loadAverage());
        // -Dhearth.bench.work=DIR keeps the data in DIR: a second run on the same DIR skips the import
        // and measures only the restart (to try a change to the read or the start quickly)
        String kept = System.getProperty("hearth.bench.work", "");
        Path work = kept.isBlank()
                ? Files.createTempDirectory("hearth-queue-bench")
                : Files.createDirectories(Path.of(kept));
        Path imports = Files.createDirectories(work.resolve("imports"));
        if (!Files.isRegularFile(imports.resolve("people.csv"))) {
            writePeople(imports.resolve("people.csv"), leads);
        }
        try (ChildJvm floor = ChildJvm.start(
                "no-op floor",
                jvm,
                List.of("-cp", benchJar.toString(), NoOpFloor.class.getName()),
                work.resolve("floor.log"))) {
            if (!only.equals("postgresql")) {
                List<String> server = serverArgs(serverJar, work.resolve("hsqldb"), imports);
                measure("hsqldb", floor, hearthJvm, server, work.resolve("hsqldb"), leads, seconds, rounds);
            }
            if (!only.equals("hsqldb")) {
                if (pgUrl == null) {
                    System.out.println("PostgreSQL: skipped (give its JDBC URL as the fourth argument)");
                } else {
                    String database =
                            "hearth_queue_bench_" + ProcessHandle.current().pid();
                    String url = RpcBench.createDatabase(pgUrl, database);
                    try {
                        List<String> server = new ArrayList<>(serverArgs(serverJar, work.resolve("pg"), imports));
                        server.addAll(List.of("--db-url", url));
                        measure("postgresql", floor, hearthJvm, server, work.resolve("pg"), leads, seconds, rounds);
                    } finally {
                        RpcBench.dropDatabase(pgUrl, database);
                    }
                }
            }
        }
        System.out.println("server logs in " + work);
    }

    private static List<String> serverArgs(Path serverJar, Path dataDir, Path imports) {
        return List.of(
                "-jar",
                serverJar.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--data-dir",
                dataDir.toString(),
                "--imports-dir",
                imports.toString(),
                "--rate-limit",
                "0");
    }

    private static void measure(
            String database,
            ChildJvm floor,
            List<String> jvm,
            List<String> server,
            Path logs,
            int leads,
            int seconds,
            int rounds)
            throws Exception {
        boolean imported = Files.isDirectory(logs);
        Files.createDirectories(logs);
        if (imported && database.equals("hsqldb")) {
            System.out.printf(
                    Locale.ROOT, "%n== %s: the data of a previous run kept in %s: no import%n", database, logs);
        } else
            try (ChildJvm hearth =
                    ChildJvm.start("hearth (" + database + ")", jvm, server, logs.resolve("first.log"))) {
                long started = System.nanoTime();
                SyncRun run = importPeople(hearth.channel());
                double secondsTaken = (System.nanoTime() - started) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "%n== %s: import of %,d people through the server: %s in %.1f s, %,.0f rows/s (created %,d, "
                                + "rejected %,d)%n",
                        database,
                        leads,
                        run.getState(),
                        secondsTaken,
                        run.getCounts().getRead() / secondsTaken,
                        run.getCounts().getCreated(),
                        run.getCounts().getRejected());
                if (run.getState() != SyncRunState.SYNC_RUN_STATE_SUCCEEDED) {
                    throw new IllegalStateException("the import ended " + run.getState() + ": " + run.getError());
                }
                compare("straight after the import", floor, hearth, seconds, rounds);
            }
        try (ChildJvm hearth = ChildJvm.start("hearth (" + database + ")", jvm, server, logs.resolve("second.log"))) {
            System.out.printf(
                    Locale.ROOT,
                    "%n== %s: restart with %,d leads: start to SERVING %s%n",
                    database,
                    leads,
                    RpcBench.millis(hearth.startToServing()));
            compare("after the restart", floor, hearth, seconds, rounds);
        }
    }

    private static SyncRun importPeople(ManagedChannel channel) {
        Iterator<SyncRun> progress = SyncServiceGrpc.newBlockingStub(channel)
                .startSync(StartSyncRequest.newBuilder()
                        .setConnector("connectors/csv")
                        .putConfig("path", "people.csv")
                        .build());
        SyncRun last = null;
        while (progress.hasNext()) {
            last = progress.next();
        }
        if (last == null) {
            throw new IllegalStateException("the import sent no progress");
        }
        return last;
    }

    private static void compare(String when, ChildJvm floor, ChildJvm hearth, int seconds, int rounds)
            throws InterruptedException {
        Map<String, Function<ManagedChannel, ListenableFuture<?>>> calls = RpcBench.queueCalls(REPS);
        System.out.printf(
                Locale.ROOT,
                "%s:%n%-16s %10s %9s %9s %8s %10s %9s %9s %8s %9s %7s%n",
                when,
                "call",
                "Hearth/s",
                "p50 ms",
                "p99 ms",
                "cpu ms",
                "floor/s",
                "p50 ms",
                "p99 ms",
                "cpu ms",
                "p99 x",
                "errors");
        for (Map.Entry<String, Function<ManagedChannel, ListenableFuture<?>>> call : calls.entrySet()) {
            RpcBench.Result ours = new RpcBench.Result();
            RpcBench.Result theirs = new RpcBench.Result();
            // unrecorded, as in RpcBench (-Dhearth.warmup=SECONDS): the JIT, and the jobs a start or an
            // import sets off, would otherwise weigh on the first call's rounds only
            RpcBench.drive(floor.channel(), call.getValue(), RpcBench.WARM_UP, new RpcBench.Result());
            RpcBench.drive(hearth.channel(), call.getValue(), RpcBench.WARM_UP, new RpcBench.Result());
            for (int round = 0; round < rounds; round++) {
                RpcBench.drive(floor, call.getValue(), Duration.ofSeconds(seconds), theirs);
                RpcBench.drive(hearth, call.getValue(), Duration.ofSeconds(seconds), ours);
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-16s %10.0f %9.2f %9.2f %8.3f %10.0f %9.2f %9.2f %8.3f %9.2f %7s%n",
                    call.getKey(),
                    ours.rate(),
                    ours.percentileMillis(50),
                    ours.percentileMillis(99),
                    ours.cpuMillisPerCall(),
                    theirs.rate(),
                    theirs.percentileMillis(50),
                    theirs.percentileMillis(99),
                    theirs.cpuMillisPerCall(),
                    ours.percentileMillis(99) / theirs.percentileMillis(99),
                    ours.errors() == 0 ? "0" : ours.errors() + " " + ours.firstError());
        }
    }

    /** {@code count} people from {@value #REPS} reps with a mix of sources, as a CRM export. */
    private static void writePeople(Path file, int count) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("Record ID,First Name,Last Name,Company,Email,Phone,Lead Source,Owner\n");
            for (int i = 0; i < count; i++) {
                out.write(i + ",Given" + i + ",Family" + i + ",Company " + (i % 5000) + ",person" + i
                        + "@example.com,+1415" + String.format(Locale.ROOT, "%07d", i) + "," + SOURCES[i % 4] + ",rep-"
                        + (i % REPS) + "\n");
            }
        }
    }
}
