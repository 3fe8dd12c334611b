package io.hearth.bench;

import static io.hearth.core.persistence.generated.Tables.QUEUE_ENTRY;

import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.core.persistence.JooqQueueStore;
import io.hearth.core.persistence.generated.tables.records.QueueEntryRecord;
import io.hearth.core.person.PersonKind;
import io.hearth.core.person.Scope;
import io.hearth.core.query.PageToken;
import io.hearth.core.queue.ActionChannel;
import io.hearth.core.queue.ActionKind;
import io.hearth.core.queue.Lane;
import io.hearth.core.queue.QueueEntry;
import io.hearth.core.queue.WorkQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * The work queue at scale: "next 50" for one rep and for the whole team, at 10,000 and at
 * 1,000,000 queued people, on the embedded HSQLDB file database and on PostgreSQL, side by side.
 * A sixth of the people wait for a scheduled follow-up, most of it not due yet; the last two
 * queries start right after the follow-ups due now, where those not due yet lie in the way.
 *
 * <p>Usage: {@code java -jar bench/target/hearth-bench.jar [rows] [postgres-url] [hsqldb|postgresql]};
 * the PostgreSQL URL defaults to {@code $HEARTH_BENCH_PG_URL}, and PostgreSQL is skipped without
 * one; the third argument runs one database only. Each database kind gets two scratch databases
 * (temp directories, fresh schemas), one holding 10,000 entries and one the large count, dropped
 * afterwards; every read is timed alternately on both.
 */
public final class QueueBench {
    static final int OWNERS = 50;
    private static final int SMALL = 10_000;
    private static final int WARMUP = 2_000;
    private static final int SAMPLES = 2_000;
    private static final int BATCH = 5_000;
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final PageToken AFTER_DUE_NOW = new PageToken(
            "bench", Lane.DUE_FOLLOW_UP.priority() + ":" + QueueEntry.dueRank(NOW), new UUID(0, 0).toString());

    public static void main(String[] args) throws Exception {
        int large = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String pgUrl = args.length > 1 ? args[1] : System.getenv("HEARTH_BENCH_PG_URL");
        String only = args.length > 2 ? args[2] : "";
        List<String> rows = new ArrayList<>();
        if (!only.equals("postgresql")) {
            Path dir = Files.createTempDirectory("hearth-bench");
            try {
                rows.addAll(run(
                        "HSQLDB (file, embedded default)",
                        DatabaseConfig.embedded(dir.resolve("small"), 4),
                        DatabaseConfig.embedded(dir.resolve("large"), 4),
                        large));
            } finally {
                deleteRecursively(dir);
            }
        }
        if (only.equals("hsqldb")) {
            System.err.println("PostgreSQL skipped: asked for HSQLDB only");
        } else if (pgUrl != null && !pgUrl.isBlank()) {
            String prefix = "hearth_bench_" + UUID.randomUUID().toString().substring(0, 8);
            sql(pgUrl, "CREATE SCHEMA " + prefix + "_small");
            sql(pgUrl, "CREATE SCHEMA " + prefix + "_large");
            try {
                rows.addAll(run("PostgreSQL", pg(pgUrl, prefix + "_small"), pg(pgUrl, prefix + "_large"), large));
            } finally {
                sql(pgUrl, "DROP SCHEMA " + prefix + "_small CASCADE");
                sql(pgUrl, "DROP SCHEMA " + prefix + "_large CASCADE");
            }
        } else {
            System.err.println(
                    "PostgreSQL skipped: pass its JDBC URL as the second argument or set HEARTH_BENCH_PG_URL");
        }
        System.out.println();
        System.out.println("| database | queued leads | query | p50 ms | p99 ms | p50 vs 10k |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    static DatabaseConfig pg(String url, String schema) {
        return new DatabaseConfig(
                url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&reWriteBatchedInserts=true",
                null,
                null,
                4);
    }

    /** One database's queue, read the way the server reads it. */
    record Side(WorkQueue queue, JooqQueueStore store) {
        static Side of(Database database) {
            JooqQueueStore store = new JooqQueueStore(database.dsl());
            return new Side(new WorkQueue(store, Clock.fixed(NOW, ZoneOffset.UTC), CurrentCaller.NONE), store);
        }
    }

    /** Prepares one read (untimed: choosing the rep, fetching the page before) and returns the timed part. */
    interface Read {
        Runnable prepare(Side side, Random random);
    }

    /**
     * The small and the large queue in two databases of the same kind, open side by side, each read
     * timed alternately on both: whatever the machine does meanwhile (a checkpoint, another
     * process, a slower CPU clock) weighs on both figures alike instead of on one of them.
     */
    private static List<String> run(String label, DatabaseConfig smallConfig, DatabaseConfig largeConfig, int large)
            throws Exception {
        List<String> rows = new ArrayList<>();
        try (Database smallDb = Database.open(smallConfig);
                Database largeDb = Database.open(largeConfig)) {
            Random random = new Random(42);
            seed(smallDb, random, 0, SMALL);
            long start = System.nanoTime();
            seed(largeDb, random, 0, large);
            double seedSeconds = (System.nanoTime() - start) / 1e9;
            System.err.printf(
                    "%s: seeded %,d entries in %.1f s (%,.0f rows/s)%n",
                    label, large, seedSeconds, large / seedSeconds);
            Side small = Side.of(smallDb);
            Side big = Side.of(largeDb);
            Map<String, Read> reads = new LinkedHashMap<>();
            reads.put("next 50 for one rep", (side, r) -> firstPage(side, rep(r)));
            reads.put("next 50 for the team", (side, r) -> firstPage(side, ""));
            reads.put("one rep, second page", (side, r) -> {
                String owner = rep(r);
                String token = side.queue().next(owner, 50, "").nextPageToken().orElseThrow();
                return () ->
                        expectFull(side.queue().next(owner, 50, token).items().size());
            });
            reads.put("one rep, after the due follow-ups", (side, r) -> pastDue(side, rep(r)));
            reads.put("team, after the due follow-ups", (side, r) -> pastDue(side, null));
            for (Map.Entry<String, Read> read : reads.entrySet()) {
                double[][] figures = measure(small, big, read.getValue(), random);
                rows.add(row(label, SMALL, read.getKey(), figures[0], figures[0]));
                rows.add(row(label, large, read.getKey(), figures[1], figures[0]));
            }
        }
        return rows;
    }

    static String rep(Random random) {
        return "rep-" + random.nextInt(OWNERS);
    }

    static Runnable firstPage(Side side, String owner) {
        return () -> expectFull(side.queue().next(owner, 50, "").items().size());
    }

    /**
     * The 50 entries after the last follow-up due now: the walk passes the tail of the due
     * follow-up lane (not due yet) on its way to the warm lane.
     */
    static Runnable pastDue(Side side, String owner) {
        return () -> {
            List<QueueEntry> entries = side.store().next(owner, NOW, 51, Optional.of(AFTER_DUE_NOW), Scope.EVERYONE);
            if (entries.size() != 51 || entries.get(0).lane() != Lane.WARM) {
                throw new IllegalStateException("expected 51 entries from the warm lane on, got " + entries.size()
                        + (entries.isEmpty() ? "" : " from " + entries.get(0).lane()));
            }
        };
    }

    static void expectFull(int size) {
        if (size != 50) {
            throw new IllegalStateException("expected a full page of 50, got " + size);
        }
    }

    /** {p50, p99} in milliseconds on the small and on the large queue, after a warm-up of both. */
    static double[][] measure(Side small, Side large, Read read, Random random) {
        for (int i = 0; i < WARMUP; i++) {
            read.prepare(small, random).run();
            read.prepare(large, random).run();
        }
        double[] smallMillis = new double[SAMPLES];
        double[] largeMillis = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            // alternate which goes first, so neither always runs right after the other's cache effects
            if (i % 2 == 0) {
                smallMillis[i] = time(read.prepare(small, random));
                largeMillis[i] = time(read.prepare(large, random));
            } else {
                largeMillis[i] = time(read.prepare(large, random));
                smallMillis[i] = time(read.prepare(small, random));
            }
        }
        return new double[][] {percentiles(smallMillis), percentiles(largeMillis)};
    }

    private static double time(Runnable read) {
        long start = System.nanoTime();
        read.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double[] percentiles(double[] millis) {
        Arrays.sort(millis);
        return new double[] {millis[millis.length / 2], millis[(int) Math.ceil(millis.length * 0.99) - 1]};
    }

    /**
     * Queue entries with the lane mix of a real pipeline: few hot, many cold, and a sixth waiting for a
     * follow-up, one in ten of those due now and the rest over the next 30 days.
     */
    static void seed(Database database, Random random, int from, int to) {
        Instant created = Instant.parse("2026-11-01T00:00:00Z");
        List<QueueEntryRecord> batch = new ArrayList<>(BATCH);
        for (int i = from; i < to; i++) {
            double roll = random.nextDouble();
            Lane lane = roll < 0.005
                    ? Lane.SPEED_TO_LEAD
                    : roll < 0.015
                            ? Lane.SIZZLING
                            : roll < 0.06
                                    ? Lane.HOT
                                    : roll < 0.22
                                            ? Lane.DUE_FOLLOW_UP
                                            : roll < 0.32 ? Lane.WARM : roll < 0.55 ? Lane.COOL : Lane.COLD;
            Instant visible = created;
            long rank = random.nextLong() >>> 20;
            if (lane == Lane.DUE_FOLLOW_UP) {
                long minutes =
                        random.nextDouble() < 0.1 ? -random.nextInt(2 * 24 * 60) : 1 + random.nextInt(30 * 24 * 60);
                visible = NOW.plus(Duration.ofMinutes(minutes));
                rank = QueueEntry.dueRank(visible);
            }
            QueueEntryRecord r = new QueueEntryRecord();
            // time-ordered like the ids Hearth makes (UUIDv7): later leads sort later
            r.setPersonId(new UUID(
                    ((long) i << 16) | 0x7000L, random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L));
            r.setPersonKind(
                    lane == Lane.DUE_FOLLOW_UP && i % 3 != 0 ? PersonKind.CONTACT.name() : PersonKind.LEAD.name());
            r.setOwner("rep-" + random.nextInt(OWNERS));
            r.setDisplayName("Lead " + i);
            r.setLanePriority((short) lane.priority());
            r.setQueueRank(rank);
            r.setVisibleFrom(visible.atOffset(ZoneOffset.UTC));
            r.setAction(lane == Lane.DUE_FOLLOW_UP ? ActionKind.FOLLOW_UP.name() : ActionKind.COLD_CALL.name());
            r.setChannel(ActionChannel.PHONE.name());
            r.setReasons("seeded for the benchmark");
            batch.add(r);
            if (batch.size() == BATCH) {
                database.dsl().batchInsert(batch).execute();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            database.dsl().batchInsert(batch).execute();
        }
        if (database.config().kind() == DatabaseConfig.Kind.POSTGRESQL) {
            // what autovacuum and the checkpointer do shortly after a bulk load: without statistics
            // the planner guesses, and right after the load every first read of a row writes its
            // hint bits while the checkpointer flushes the load, which times the load, not the queue
            database.dsl().execute("VACUUM ANALYZE queue_entry");
            database.dsl().execute("CHECKPOINT");
        }
        database.dsl().fetchCount(QUEUE_ENTRY);
    }

    private static String row(String label, int size, String query, double[] figures, double[] baseline) {
        return String.format(
                "| %s | %,d | %s | %.3f | %.3f | %.2fx |",
                label, size, query, figures[0], figures[1], figures[0] / baseline[0]);
    }

    static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static void sql(String url, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
