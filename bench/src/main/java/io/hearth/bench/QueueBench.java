package io.hearth.bench;

import static io.hearth.core.persistence.generated.Tables.QUEUE_ENTRY;

import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.core.persistence.JooqQueueStore;
import io.hearth.core.persistence.generated.tables.records.QueueEntryRecord;
import io.hearth.core.queue.ActionChannel;
import io.hearth.core.queue.ActionKind;
import io.hearth.core.queue.Lane;
import io.hearth.core.queue.PersonKind;
import io.hearth.core.queue.QueueEntry;
import io.hearth.core.query.PageToken;
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
import java.util.List;
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
 * one; the third argument runs one database only. Each run
 * seeds its own scratch database (a temp directory, a fresh schema) and drops it afterwards.
 */
public final class QueueBench {
    private static final int OWNERS = 50;
    private static final int SMALL = 10_000;
    private static final int WARMUP = 2_000;
    private static final int SAMPLES = 2_000;
    private static final int BATCH = 5_000;
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    public static void main(String[] args) throws Exception {
        int large = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String pgUrl = args.length > 1 ? args[1] : System.getenv("HEARTH_BENCH_PG_URL");
        String only = args.length > 2 ? args[2] : "";
        List<String> rows = new ArrayList<>();
        if (!only.equals("postgresql")) {
            Path dir = Files.createTempDirectory("hearth-bench");
            try {
                rows.addAll(run("HSQLDB (file, embedded default)", DatabaseConfig.embedded(dir, 4), large));
            } finally {
                deleteRecursively(dir);
            }
        }
        if (only.equals("hsqldb")) {
            System.err.println("PostgreSQL skipped: asked for HSQLDB only");
        } else if (pgUrl != null && !pgUrl.isBlank()) {
            String schema = "hearth_bench_" + UUID.randomUUID().toString().substring(0, 8);
            sql(pgUrl, "CREATE SCHEMA " + schema);
            try {
                String url = pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema
                        + "&reWriteBatchedInserts=true";
                rows.addAll(run("PostgreSQL", new DatabaseConfig(url, null, null, 4), large));
            } finally {
                sql(pgUrl, "DROP SCHEMA " + schema + " CASCADE");
            }
        } else {
            System.err.println("PostgreSQL skipped: pass its JDBC URL as the second argument or set HEARTH_BENCH_PG_URL");
        }
        System.out.println();
        System.out.println("| database | queued leads | query | p50 ms | p99 ms | p50 vs 10k |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static List<String> run(String label, DatabaseConfig config, int large) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Database database = Database.open(config)) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            JooqQueueStore store = new JooqQueueStore(database.dsl());
            WorkQueue queue = new WorkQueue(store, clock);
            Random random = new Random(42);
            seed(database, random, 0, SMALL);
            double[] smallRep = measure(queue, random, true, false);
            double[] smallTeam = measure(queue, random, false, false);
            double[] smallPage2 = measure(queue, random, true, true);
            double[] smallPastDueRep = measurePastDue(store, random, true);
            double[] smallPastDueTeam = measurePastDue(store, random, false);
            long start = System.nanoTime();
            seed(database, random, SMALL, large);
            double seedSeconds = (System.nanoTime() - start) / 1e9;
            System.err.printf("%s: seeded %,d entries in %.1f s (%,.0f rows/s)%n", label, large - SMALL, seedSeconds,
                    (large - SMALL) / seedSeconds);
            double[] largeRep = measure(queue, random, true, false);
            double[] largeTeam = measure(queue, random, false, false);
            double[] largePage2 = measure(queue, random, true, true);
            double[] largePastDueRep = measurePastDue(store, random, true);
            double[] largePastDueTeam = measurePastDue(store, random, false);
            rows.add(row(label, SMALL, "next 50 for one rep", smallRep, smallRep));
            rows.add(row(label, large, "next 50 for one rep", largeRep, smallRep));
            rows.add(row(label, SMALL, "next 50 for the team", smallTeam, smallTeam));
            rows.add(row(label, large, "next 50 for the team", largeTeam, smallTeam));
            rows.add(row(label, SMALL, "one rep, second page", smallPage2, smallPage2));
            rows.add(row(label, large, "one rep, second page", largePage2, smallPage2));
            rows.add(row(label, SMALL, "one rep, after the due follow-ups", smallPastDueRep, smallPastDueRep));
            rows.add(row(label, large, "one rep, after the due follow-ups", largePastDueRep, smallPastDueRep));
            rows.add(row(label, SMALL, "team, after the due follow-ups", smallPastDueTeam, smallPastDueTeam));
            rows.add(row(label, large, "team, after the due follow-ups", largePastDueTeam, smallPastDueTeam));
        }
        return rows;
    }

    /**
     * Queue entries with the lane mix of a real pipeline: few hot, many cold, and a sixth waiting for a
     * follow-up, one in ten of those due now and the rest over the next 30 days.
     */
    private static void seed(Database database, Random random, int from, int to) {
        Instant created = Instant.parse("2026-11-01T00:00:00Z");
        List<QueueEntryRecord> batch = new ArrayList<>(BATCH);
        for (int i = from; i < to; i++) {
            double roll = random.nextDouble();
            Lane lane = roll < 0.005 ? Lane.SPEED_TO_LEAD : roll < 0.015 ? Lane.SIZZLING : roll < 0.06 ? Lane.HOT
                    : roll < 0.22 ? Lane.DUE_FOLLOW_UP : roll < 0.32 ? Lane.WARM : roll < 0.55 ? Lane.COOL : Lane.COLD;
            Instant visible = created;
            long rank = random.nextLong() >>> 20;
            if (lane == Lane.DUE_FOLLOW_UP) {
                long minutes = random.nextDouble() < 0.1 ? -random.nextInt(2 * 24 * 60) : 1 + random.nextInt(30 * 24 * 60);
                visible = NOW.plus(Duration.ofMinutes(minutes));
                rank = QueueEntry.dueRank(visible);
            }
            QueueEntryRecord r = new QueueEntryRecord();
            // time-ordered like the ids Hearth makes (UUIDv7): later leads sort later
            r.setPersonId(new UUID(((long) i << 16) | 0x7000L, random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL
                    | 0x8000_0000_0000_0000L));
            r.setPersonKind(lane == Lane.DUE_FOLLOW_UP && i % 3 != 0 ? PersonKind.CONTACT.name() : PersonKind.LEAD.name());
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

    /** {p50, p99} in milliseconds of "next 50" (or of the page after it), after a warm-up. */
    private static double[] measure(WorkQueue queue, Random random, boolean perRep, boolean secondPage) {
        for (int i = 0; i < WARMUP; i++) {
            queue.next(perRep ? "rep-" + random.nextInt(OWNERS) : "", 50, "");
        }
        double[] millis = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            String owner = perRep ? "rep-" + random.nextInt(OWNERS) : "";
            String token = secondPage ? queue.next(owner, 50, "").nextPageToken().orElseThrow() : "";
            long start = System.nanoTime();
            int size = queue.next(owner, 50, token).items().size();
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (size != 50) {
                throw new IllegalStateException("expected a full page of 50, got " + size);
            }
        }
        Arrays.sort(millis);
        return new double[] {millis[SAMPLES / 2], millis[(int) Math.ceil(SAMPLES * 0.99) - 1]};
    }

    /**
     * {p50, p99} in milliseconds of the 50 entries after the last follow-up due now: the walk passes
     * the tail of the due follow-up lane (not due yet) on its way to the warm lane.
     */
    private static double[] measurePastDue(JooqQueueStore store, Random random, boolean perRep) {
        PageToken afterDueNow = new PageToken("bench", Lane.DUE_FOLLOW_UP.priority() + ":" + QueueEntry.dueRank(NOW),
                new UUID(0, 0).toString());
        for (int i = 0; i < WARMUP; i++) {
            store.next(perRep ? "rep-" + random.nextInt(OWNERS) : null, NOW, 51, Optional.of(afterDueNow));
        }
        double[] millis = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            String owner = perRep ? "rep-" + random.nextInt(OWNERS) : null;
            long start = System.nanoTime();
            List<QueueEntry> entries = store.next(owner, NOW, 51, Optional.of(afterDueNow));
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (entries.size() != 51 || entries.get(0).lane() != Lane.WARM) {
                throw new IllegalStateException("expected 51 entries from the warm lane on, got " + entries.size()
                        + (entries.isEmpty() ? "" : " from " + entries.get(0).lane()));
            }
        }
        Arrays.sort(millis);
        return new double[] {millis[SAMPLES / 2], millis[(int) Math.ceil(SAMPLES * 0.99) - 1]};
    }

    private static String row(String label, int size, String query, double[] figures, double[] baseline) {
        return String.format("| %s | %,d | %s | %.3f | %.3f | %.2fx |", label, size, query, figures[0], figures[1],
                figures[0] / baseline[0]);
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void sql(String url, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
