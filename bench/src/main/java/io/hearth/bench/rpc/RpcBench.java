package io.hearth.bench.rpc;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.FieldMask;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.FollowUpServiceGrpc;
import io.hearth.proto.v1.GetLeadRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.ListQueueRequest;
import io.hearth.proto.v1.LogTouchRequest;
import io.hearth.proto.v1.QueueServiceGrpc;
import io.hearth.proto.v1.Touch;
import io.hearth.proto.v1.TouchChannel;
import io.hearth.proto.v1.TouchKind;
import io.hearth.proto.v1.TouchOutcome;
import io.hearth.proto.v1.UpdateLeadRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The calls a rep and a web form make every minute, measured through gRPC against the floor: one
 * client drives a no-op grpc-java server ({@link NoOpFloor}) and the real Hearth server jar in
 * turn (floor, Hearth, floor, Hearth, ... for {@code rounds} rounds of {@code seconds} each per
 * call), with {@value #IN_FLIGHT} calls in flight over loopback, and prints throughput, p50 and p99
 * of each side, each server's CPU time per call (its whole process: load from other work on the
 * machine changes the ratio more than it changes this) and the ratio of Hearth's throughput to
 * the floor's. Both servers run in JVMs of
 * their own, started with the same options; their start until SERVING is timed too. For {@code
 * GetLead} and the writes a third side, {@link StoreFloor}, writes and reads the rows Hearth does
 * through plain JDBC on a database of its own, in the same rounds: Hearth's throughput over its
 * ({@code vs store}) is what Hearth's own code leaves of what the database allows, and its
 * throughput over the no-op floor's ({@code store/floor}) what the database leaves of what gRPC
 * allows.
 *
 * <pre>
 * java -cp bench/target/hearth-bench.jar io.hearth.bench.rpc.RpcBench [SECONDS] [ROUNDS] [PG_URL] [hsqldb|postgresql]
 * </pre>
 *
 * Hearth starts with the server jar's class-data archive ({@code hearth-server.jsa}, made by the
 * build) when there is one, as {@code bin/hearth-server} does; {@code -Dhearth.noArchive=true}
 * starts it without. {@code -Dhearth.calls=CreateLead,LogTouch} runs only the calls named (spaces dropped:
 * {@code ListQueueteam}); {@code -Dhearth.server.jvm="-XX:StartFlightRecording=filename=x.jfr"}
 * adds options to Hearth's JVM only, to profile it.
 *
 * <p>The server runs as shipped except for its rate limit (off: one client at 64 calls in flight is
 * the point here, not a misbehaving caller). On PostgreSQL the bench makes a database of its own
 * next to the one the URL names and drops it at the end.
 */
public final class RpcBench {
    static final int IN_FLIGHT = 64;
    /** Leads made before the rounds, for GetLead, UpdateLead and LogTouch to address. */
    private static final int POOL = 5_000;
    /**
     * Each side's unrecorded calls before a call's rounds, {@code -Dhearth.warmup=SECONDS} (default
     * 1): the JIT is still compiling Hearth's paths for many seconds after, which the short default
     * counts against Hearth and a long-running server does not pay.
     */
    static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("hearth.warmup", 1));
    /**
     * Whether the writes and GetLead are also driven against {@link StoreFloor} (the rows Hearth
     * writes, through plain JDBC), as a third side of each round; {@code -Dhearth.storeFloor=false}:
     * not.
     */
    static final boolean STORE_FLOOR = !"false".equals(System.getProperty("hearth.storeFloor"));
    /** The calls the store floor answers. */
    private static final Set<String> STORE_CALLS = Set.of("GetLead", "CreateLead", "UpdateLead", "LogTouch");
    /** Tells apart the leads each side's calls make, within one run. */
    private static final AtomicLong RUNS = new AtomicLong();

    private RpcBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String pgUrl = args.length > 2 && !args[2].isBlank() ? args[2] : null;
        String database = args.length > 3 ? args[3] : "";
        Path serverJar = Path.of(System.getProperty("hearth.server.jar", "server/target/hearth-server.jar"));
        Path benchJar = Path.of(RpcBench.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        if (!Files.isRegularFile(serverJar)) {
            throw new IllegalArgumentException(serverJar + " not found: build it with ./mvnw -q package -DskipTests, "
                    + "or name it with -Dhearth.server.jar=PATH");
        }
        List<String> jvm = List.of("-Xmx1g");
        // extra options for Hearth's JVM only, e.g. a flight recording to see where its CPU goes
        List<String> hearthJvm = new ArrayList<>(jvm);
        // as bin/hearth-server starts it: with the class-data archive the build made beside the jar
        Path archive = serverJar.resolveSibling("hearth-server.jsa");
        if (Files.isRegularFile(archive) && !Boolean.getBoolean("hearth.noArchive")) {
            hearthJvm.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"));
        }
        String extra = System.getProperty("hearth.server.jvm", "").trim();
        if (!extra.isEmpty()) {
            hearthJvm.addAll(List.of(extra.split("\\s+")));
        }
        // a comma-separated subset of the calls, e.g. CreateLead,LogTouch (default: all)
        Set<String> only = Set.of(System.getProperty("hearth.calls", "").split(","));
        System.out.printf(
                Locale.ROOT,
                "RPC benchmark: %d calls in flight, %d rounds of %d s per call and side, interleaved; %d cores, %s%n",
                IN_FLIGHT,
                rounds,
                seconds,
                Runtime.getRuntime().availableProcessors(),
                loadAverage());
        System.out.println("Hearth's JVM options: " + String.join(" ", hearthJvm));
        Path work = Files.createTempDirectory("hearth-rpc-bench");
        try (ChildJvm floor = ChildJvm.start(
                "no-op floor",
                jvm,
                List.of("-cp", benchJar.toString(), NoOpFloor.class.getName()),
                work.resolve("floor.log"))) {
            System.out.printf(Locale.ROOT, "no-op floor: start to SERVING %s%n", millis(floor.startToServing()));
            if (!database.equals("postgresql")) {
                List<String> server = List.of(
                        "-jar",
                        serverJar.toString(),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        "0",
                        "--data-dir",
                        work.resolve("hsqldb").toString(),
                        "--rate-limit",
                        "0");
                compare(
                        "hsqldb",
                        floor,
                        hearthJvm,
                        only,
                        server,
                        work.resolve("hsqldb.log"),
                        storeFloor(
                                benchJar,
                                jvm,
                                "hsqldb",
                                work.resolve("store-hsqldb").toString()),
                        work.resolve("store-hsqldb.log"),
                        List.of(),
                        seconds,
                        rounds);
            }
            if (!database.equals("hsqldb")) {
                if (pgUrl == null) {
                    System.out.println("PostgreSQL: skipped (give its JDBC URL as the third argument)");
                } else {
                    String benchDatabase =
                            "hearth_rpc_bench_" + ProcessHandle.current().pid();
                    String url = createDatabase(pgUrl, benchDatabase);
                    String storeUrl = STORE_FLOOR ? createDatabase(pgUrl, benchDatabase + "_store") : null;
                    try {
                        List<String> server = List.of(
                                "-jar",
                                serverJar.toString(),
                                "--host",
                                "127.0.0.1",
                                "--port",
                                "0",
                                "--data-dir",
                                work.resolve("pg").toString(),
                                "--db-url",
                                url,
                                "--rate-limit",
                                "0");
                        compare(
                                "postgresql",
                                floor,
                                hearthJvm,
                                only,
                                server,
                                work.resolve("pg.log"),
                                storeFloor(benchJar, jvm, "postgresql", storeUrl),
                                work.resolve("store-pg.log"),
                                storeUrl == null ? List.of(url) : List.of(url, storeUrl),
                                seconds,
                                rounds);
                    } finally {
                        dropDatabase(pgUrl, benchDatabase);
                        if (storeUrl != null) {
                            dropDatabase(pgUrl, benchDatabase + "_store");
                        }
                    }
                }
            }
        }
        System.out.println("server logs in " + work);
    }

    /** The JVM options and main of the store floor on {@code database}, or null when it is off. */
    private static List<String> storeFloor(Path benchJar, List<String> jvm, String database, String where) {
        if (!STORE_FLOOR) {
            return null;
        }
        List<String> command = new ArrayList<>(jvm);
        command.addAll(List.of("-cp", benchJar.toString(), StoreFloor.class.getName(), database, where));
        return command;
    }

    private static void compare(
            String database,
            ChildJvm floor,
            List<String> jvm,
            Set<String> only,
            List<String> serverArgs,
            Path log,
            List<String> storeCommand,
            Path storeLog,
            List<String> analyzed,
            int seconds,
            int rounds)
            throws Exception {
        try (ChildJvm hearth = ChildJvm.start("hearth (" + database + ")", jvm, serverArgs, log);
                ChildJvm store = storeCommand == null
                        ? null
                        : ChildJvm.start("store floor (" + database + ")", List.of(), storeCommand, storeLog)) {
            System.out.printf(
                    Locale.ROOT,
                    "%n== %s: Hearth start to SERVING %s (empty data)%n",
                    database,
                    millis(hearth.startToServing()));
            List<String> pool = makeLeads(hearth.channel(), POOL);
            List<String> storePool = store == null ? List.of() : makeLeads(store.channel(), POOL);
            analyze(analyzed);
            Map<String, Function<ManagedChannel, ListenableFuture<?>>> calls = calls(pool);
            Map<String, Function<ManagedChannel, ListenableFuture<?>>> storeCalls = calls(storePool);
            storeCalls.keySet().retainAll(STORE_CALLS);
            System.out.printf(
                    Locale.ROOT,
                    "%-16s %10s %9s %9s %9s %10s %9s %9s %9s %7s %7s %10s %9s %9s %9s %9s%n",
                    "call",
                    "Hearth/s",
                    "p50 ms",
                    "p99 ms",
                    "cpu ms",
                    "floor/s",
                    "p50 ms",
                    "p99 ms",
                    "cpu ms",
                    "ratio",
                    "errors",
                    "store/s",
                    "p99 ms",
                    "cpu ms",
                    "vs store",
                    "store/floor");
            if (!only.equals(Set.of(""))) {
                calls.keySet().removeIf(name -> !only.contains(name.replace(" ", "")));
            }
            for (Map.Entry<String, Function<ManagedChannel, ListenableFuture<?>>> call : calls.entrySet()) {
                Result ours = new Result();
                Result theirs = new Result();
                Result stored = new Result();
                Function<ManagedChannel, ListenableFuture<?>> storeCall =
                        store == null ? null : storeCalls.get(call.getKey());
                // an unrecorded warm-up on each side, then the interleaved rounds
                drive(floor.channel(), call.getValue(), WARM_UP, new Result());
                if (storeCall != null) {
                    drive(store.channel(), storeCall, WARM_UP, new Result());
                }
                drive(hearth.channel(), call.getValue(), WARM_UP, new Result());
                for (int round = 0; round < rounds; round++) {
                    drive(floor, call.getValue(), Duration.ofSeconds(seconds), theirs);
                    if (storeCall != null) {
                        drive(store, storeCall, Duration.ofSeconds(seconds), stored);
                    }
                    drive(hearth, call.getValue(), Duration.ofSeconds(seconds), ours);
                }
                String storeColumns = storeCall == null
                        ? String.format(Locale.ROOT, " %10s %9s %9s %9s %9s", "-", "-", "-", "-", "-")
                        : String.format(
                                        Locale.ROOT,
                                        " %10.0f %9.2f %9.3f %9.3f %9.3f",
                                        stored.rate(),
                                        stored.percentileMillis(99),
                                        stored.cpuMillisPerCall(),
                                        ours.rate() / stored.rate(),
                                        stored.rate() / theirs.rate())
                                + (stored.errors() == 0
                                        ? ""
                                        : "  store errors " + stored.errors() + " " + stored.firstError());
                System.out.printf(
                        Locale.ROOT,
                        "%-16s %10.0f %9.2f %9.2f %9.3f %10.0f %9.2f %9.2f %9.3f %7.3f %7s%s%n",
                        call.getKey(),
                        ours.rate(),
                        ours.percentileMillis(50),
                        ours.percentileMillis(99),
                        ours.cpuMillisPerCall(),
                        theirs.rate(),
                        theirs.percentileMillis(50),
                        theirs.percentileMillis(99),
                        theirs.cpuMillisPerCall(),
                        ours.rate() / theirs.rate(),
                        ours.errors() == 0 ? "0" : ours.errors() + " " + ours.firstError(),
                        storeColumns);
            }
        }
    }

    /** The work queue's first page of 50, for the team and for one of {@code reps} reps ({@code rep-N}). */
    static Map<String, Function<ManagedChannel, ListenableFuture<?>>> queueCalls(int reps) {
        Map<String, Function<ManagedChannel, ListenableFuture<?>>> calls = new LinkedHashMap<>();
        calls.put(
                "ListQueue team",
                channel -> QueueServiceGrpc.newFutureStub(channel)
                        .listQueue(ListQueueRequest.newBuilder().setPageSize(50).build()));
        calls.put(
                "ListQueue rep",
                channel -> QueueServiceGrpc.newFutureStub(channel)
                        .listQueue(ListQueueRequest.newBuilder()
                                .setOwner("rep-" + ThreadLocalRandom.current().nextInt(reps))
                                .setPageSize(50)
                                .build()));
        return calls;
    }

    /** The calls, addressing the leads of {@code pool} (the no-op floor answers any name). */
    private static Map<String, Function<ManagedChannel, ListenableFuture<?>>> calls(List<String> pool) {
        AtomicLong sequence = new AtomicLong();
        String run = Long.toString(System.currentTimeMillis(), 36) + "-" + RUNS.incrementAndGet();
        Map<String, Function<ManagedChannel, ListenableFuture<?>>> calls = new LinkedHashMap<>();
        calls.putAll(queueCalls(10));
        calls.put(
                "GetLead",
                channel -> LeadServiceGrpc.newFutureStub(channel)
                        .getLead(GetLeadRequest.newBuilder().setName(any(pool)).build()));
        calls.put(
                "UpdateLead",
                channel -> LeadServiceGrpc.newFutureStub(channel)
                        .updateLead(UpdateLeadRequest.newBuilder()
                                .setLead(Lead.newBuilder()
                                        .setName(any(pool))
                                        .setNotes("called back " + sequence.incrementAndGet()))
                                .setUpdateMask(FieldMask.newBuilder().addPaths("notes"))
                                .build()));
        calls.put(
                "LogTouch",
                channel -> FollowUpServiceGrpc.newFutureStub(channel)
                        .logTouch(LogTouchRequest.newBuilder()
                                .setTouch(Touch.newBuilder()
                                        .setPerson(any(pool))
                                        .setKind(TouchKind.TOUCH_KIND_COLD_CALL)
                                        .setChannel(TouchChannel.TOUCH_CHANNEL_PHONE)
                                        .setOutcome(TouchOutcome.TOUCH_OUTCOME_NO_ANSWER)
                                        .setPerformedBy("rep-"
                                                + ThreadLocalRandom.current().nextInt(10)))
                                .build()));
        // CreateLead last: its web-form leads miss their 5-minute response deadline five minutes
        // later, and the server's work on that (recording the misses, re-rating) must not fall into
        // another call's rounds; the leads the other calls address are referrals, which have none
        calls.put(
                "CreateLead",
                channel -> LeadServiceGrpc.newFutureStub(channel)
                        .createLead(CreateLeadRequest.newBuilder()
                                .setLead(newLead(
                                        run + "-" + sequence.incrementAndGet(), LeadSource.LEAD_SOURCE_WEB_FORM))
                                .build()));
        return calls;
    }

    /** {@link #drive(ManagedChannel, Function, Duration, Result)} on {@code server}, recording its CPU time too. */
    static void drive(
            ChildJvm server, Function<ManagedChannel, ListenableFuture<?>> call, Duration duration, Result result)
            throws InterruptedException {
        Duration before = server.cpuTime();
        drive(server.channel(), call, duration, result);
        result.cpu(server.cpuTime().minus(before));
    }

    /** Keeps {@value #IN_FLIGHT} calls in flight for {@code duration}, recording each one's latency. */
    static void drive(
            ManagedChannel channel,
            Function<ManagedChannel, ListenableFuture<?>> call,
            Duration duration,
            Result result)
            throws InterruptedException {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        long started = System.nanoTime();
        long end = started + duration.toNanos();
        while (System.nanoTime() < end) {
            slots.acquire();
            long sent = System.nanoTime();
            Futures.addCallback(
                    call.apply(channel),
                    new FutureCallback<Object>() {
                        @Override
                        public void onSuccess(Object reply) {
                            result.record(System.nanoTime() - sent);
                            slots.release();
                        }

                        @Override
                        public void onFailure(Throwable failure) {
                            result.fail(Status.fromThrowable(failure));
                            slots.release();
                        }
                    },
                    MoreExecutors.directExecutor());
        }
        slots.acquire(IN_FLIGHT); // the calls still in flight finish inside the round
        result.elapsed(System.nanoTime() - started);
    }

    private static List<String> makeLeads(ManagedChannel channel, int count) throws InterruptedException {
        List<String> names = java.util.Collections.synchronizedList(new ArrayList<>());
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        String run = "pool-" + Long.toString(System.currentTimeMillis(), 36);
        for (int i = 0; i < count && failed.get() == null; i++) {
            slots.acquire();
            create(channel, newLead(run + "-" + i, LeadSource.LEAD_SOURCE_REFERRAL), 3, names, slots, failed);
        }
        slots.acquire(IN_FLIGHT);
        if (failed.get() != null) {
            throw new IllegalStateException("could not make the leads the calls address", failed.get());
        }
        return List.copyOf(names);
    }

    /** Creates {@code lead}, retrying UNAVAILABLE (a loaded machine's pool wait) as a client should. */
    private static void create(
            ManagedChannel channel,
            Lead lead,
            int attempts,
            List<String> names,
            Semaphore slots,
            AtomicReference<Throwable> failed) {
        Futures.addCallback(
                LeadServiceGrpc.newFutureStub(channel)
                        .createLead(CreateLeadRequest.newBuilder().setLead(lead).build()),
                new FutureCallback<Lead>() {
                    @Override
                    public void onSuccess(Lead created) {
                        names.add(created.getName());
                        slots.release();
                    }

                    @Override
                    public void onFailure(Throwable failure) {
                        if (attempts > 1 && Status.fromThrowable(failure).getCode() == Status.Code.UNAVAILABLE) {
                            create(channel, lead, attempts - 1, names, slots, failed);
                        } else {
                            failed.compareAndSet(null, failure);
                            slots.release();
                        }
                    }
                },
                MoreExecutors.directExecutor());
    }

    /**
     * A lead as a web form (speed to lead) or a rep entering a referral sends it; owned by one of
     * ten reps.
     */
    private static Lead newLead(String unique, LeadSource source) {
        return Lead.newBuilder()
                .setGivenName("Bench")
                .setFamilyName("Person " + unique)
                .setCompany("Company " + unique)
                .setEmail("p" + unique + "@bench.example.com")
                .setSource(source)
                .setOwner("rep-" + ThreadLocalRandom.current().nextInt(10))
                .build();
    }

    private static String any(List<String> pool) {
        return pool.get(ThreadLocalRandom.current().nextInt(pool.size()));
    }

    /**
     * {@code ANALYZE} of the PostgreSQL databases at {@code urls}, once the leads are made: what
     * autovacuum does on a server that runs it (this machine's does not), so that the queue reads are
     * planned for the tables as they are, as a production server's are (see README, Running on
     * PostgreSQL). {@code -Dhearth.analyze=false} leaves the statistics as the writes left them.
     */
    private static void analyze(List<String> urls) throws Exception {
        if (urls.isEmpty() || !Boolean.parseBoolean(System.getProperty("hearth.analyze", "true"))) {
            return;
        }
        for (String url : urls) {
            try (Connection connection = DriverManager.getConnection(url);
                    Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE");
            }
        }
        System.out.println("(PostgreSQL: ANALYZE once the leads are made, as autovacuum would)");
    }

    static String createDatabase(String url, String database) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        // the same server and parameters, the new database's name in the path
        return url.replaceFirst("(jdbc:postgresql://[^/?]+/)[^?]*", "$1" + database);
    }

    static void dropDatabase(String url, String database) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
    }

    static String loadAverage() {
        try {
            return "load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + " at start";
        } catch (Exception e) {
            return "load average unknown";
        }
    }

    /** Latencies and errors of one side's rounds of one call. */
    static final class Result {
        private long[] latencies = new long[1 << 16];
        private int count;
        private long errors;
        private String firstError;
        private long elapsedNanos;
        private long cpuNanos;

        synchronized void record(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }

        synchronized void fail(Status status) {
            if (errors++ == 0) {
                firstError = status.getCode() + ": " + status.getDescription();
            }
        }

        synchronized void elapsed(long nanos) {
            elapsedNanos += nanos;
        }

        synchronized double rate() {
            return count / (elapsedNanos / 1e9);
        }

        synchronized double percentileMillis(int percentile) {
            if (count == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            int index = (int) Math.ceil(percentile / 100.0 * count) - 1;
            return sorted[Math.max(0, index)] / 1e6;
        }

        synchronized void cpu(Duration used) {
            cpuNanos += used.toNanos();
        }

        /** The server process's CPU time (all its threads) per call answered, in milliseconds. */
        synchronized double cpuMillisPerCall() {
            return count == 0 ? Double.NaN : cpuNanos / 1e6 / count;
        }

        synchronized long errors() {
            return errors;
        }

        synchronized String firstError() {
            return firstError;
        }
    }
}
