package io.hearth.bench;

import static io.hearth.core.persistence.generated.Tables.OPPORTUNITY;

import io.hearth.core.HearthCore;
import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.opportunity.PipelineStats;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.core.persistence.generated.tables.records.OpportunityRecord;
import io.hearth.core.persistence.generated.tables.records.OpportunityStageChangeRecord;
import io.hearth.core.person.LeadSource;
import io.hearth.core.priority.RuleProbability;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jooq.TableRecord;

/**
 * {@code GetPipelineStats} over every deal of a large pipeline, through core as the server calls it
 * (an admin's scope, no filter): CPU time, wall time and bytes allocated by the calling thread per
 * report, median of 7 after 2 warm-ups, on HSQLDB and (with a URL) PostgreSQL.
 *
 * <pre>
 * java -cp bench/target/hearth-bench-*-all.jar io.hearth.bench.PipelineStatsBench [DEALS] [PG_URL]
 * </pre>
 */
public final class PipelineStatsBench {
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");
    private static final String[] OPEN = {"qualification", "needs_analysis", "proposal", "negotiation"};
    private static final String[] CURRENCIES = {"EUR", "USD", "GBP"};
    private static final int BATCH = 2_000;
    private static final int RUNS = 7;

    private PipelineStatsBench() {}

    public static void main(String[] args) throws Exception {
        int deals = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String pgUrl = args.length > 1 ? args[1] : System.getenv("HEARTH_BENCH_PG_URL");
        Path dir = Files.createTempDirectory("hearth-stats-bench");
        run("HSQLDB", DatabaseConfig.embedded(dir, 4), deals);
        if (pgUrl != null && !pgUrl.isBlank()) {
            String schema = "stats_bench_" + Long.toHexString(System.nanoTime());
            sql(pgUrl, "CREATE SCHEMA " + schema);
            try {
                run(
                        "PostgreSQL",
                        new DatabaseConfig(
                                pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema
                                        + "&reWriteBatchedInserts=true",
                                null,
                                null,
                                4),
                        deals);
            } finally {
                sql(pgUrl, "DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static void run(String label, DatabaseConfig config, int deals) {
        try (Database database = Database.open(config)) {
            HearthCore core = HearthCore.on(database)
                    .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                    .probability(new RuleProbability())
                    .build();
            Contact contact = core.contacts()
                    .create(ContactFields.builder()
                            .givenName("Bench")
                            .kind(ContactKind.PROSPECT)
                            .build());
            int visits = seed(database, contact, deals);
            if (config.kind() == DatabaseConfig.Kind.POSTGRESQL) {
                database.dsl().execute("VACUUM ANALYZE opportunity");
                database.dsl().execute("VACUUM ANALYZE opportunity_stage_change");
                database.dsl().execute("CHECKPOINT");
            }
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            double[] cpu = new double[RUNS];
            double[] wall = new double[RUNS];
            double[] allocated = new double[RUNS];
            PipelineStats stats = null;
            for (int i = -2; i < RUNS; i++) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long bytes0 = threads.getCurrentThreadAllocatedBytes();
                long wall0 = System.nanoTime();
                stats = core.pipelineStats().report(null, null, null, null, null, null);
                if (i >= 0) {
                    wall[i] = (System.nanoTime() - wall0) / 1e6;
                    cpu[i] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
                    allocated[i] = (threads.getCurrentThreadAllocatedBytes() - bytes0) / 1e6;
                }
            }
            System.out.printf(
                    "| %s | %,d deals, %,d visits | %,d measured | CPU %.0f ms | wall %.0f ms | allocated %.0f MB |%n",
                    label, deals, visits, stats.dealsMeasured(), median(cpu), median(wall), median(allocated));
        }
    }

    /** {@code deals} deals, each through a random run of open stages, a third of them closed. @return visits */
    private static int seed(Database database, Contact contact, int deals) {
        Random random = new Random(19);
        List<TableRecord<?>> rows = new ArrayList<>();
        List<TableRecord<?>> visits = new ArrayList<>();
        int visitCount = 0;
        for (int d = 0; d < deals; d++) {
            UUID id = new UUID(19, d);
            Instant created = NOW.minusSeconds(86_400L * (1 + random.nextInt(365)));
            int reached = random.nextInt(OPEN.length);
            int closing = random.nextInt(3); // 0 won, 1 lost, 2 open
            Instant at = created;
            List<OpportunityStageChangeRecord> deal = new ArrayList<>();
            for (int s = 0; s <= reached; s++) {
                deal.add(visit(id, s, OPEN[s], at));
                at = at.plusSeconds(3_600L * (1 + random.nextInt(24 * 20)));
            }
            String stage = OPEN[reached];
            String outcome = "OPEN";
            if (closing < 2 && at.isBefore(NOW)) {
                stage = closing == 0 ? "closed_won" : "closed_lost";
                outcome = closing == 0 ? "WON" : "LOST";
                deal.add(visit(id, deal.size(), stage, at));
            }
            for (int s = 0; s < deal.size() - 1; s++) {
                deal.get(s).setLeftAt(deal.get(s + 1).getEnteredAt());
            }
            OpportunityRecord r = new OpportunityRecord();
            r.setId(id);
            r.setContactId(contact.id().value());
            r.setTitle("Deal " + d);
            r.setAmount(BigDecimal.valueOf(1_000 + random.nextInt(100_000), 2));
            r.setCurrency(CURRENCIES[random.nextInt(CURRENCIES.length)]);
            r.setExpectedCloseDate(LocalDate.of(2027, 3, 31));
            r.setOwner("rep" + random.nextInt(20));
            r.setStage(stage);
            r.setStageEnteredAt(deal.get(deal.size() - 1).getEnteredAt());
            r.setOutcome(outcome);
            r.setCloseReason(outcome.equals("LOST") ? "benchmark" : null);
            r.setClosedAt(
                    outcome.equals("OPEN") ? null : deal.get(deal.size() - 1).getEnteredAt());
            r.setLeadSource(LeadSource.values()[random.nextInt(LeadSource.values().length)].name());
            r.setCreatedAt(created.atOffset(ZoneOffset.UTC));
            r.setUpdatedAt(at.atOffset(ZoneOffset.UTC));
            r.setVersion(1L);
            rows.add(r);
            visits.addAll(deal);
            visitCount += deal.size();
            if (rows.size() >= BATCH) {
                flush(database, rows, visits);
            }
        }
        flush(database, rows, visits);
        database.dsl().fetchCount(OPPORTUNITY);
        return visitCount;
    }

    private static OpportunityStageChangeRecord visit(UUID id, int seq, String stage, Instant at) {
        OpportunityStageChangeRecord v = new OpportunityStageChangeRecord();
        v.setOpportunityId(id);
        v.setSeq(seq);
        v.setStage(stage);
        v.setEnteredAt(at.atOffset(ZoneOffset.UTC));
        return v;
    }

    private static void flush(Database database, List<TableRecord<?>> rows, List<TableRecord<?>> visits) {
        if (!rows.isEmpty()) {
            database.dsl().batchInsert(rows).execute();
            database.dsl().batchInsert(visits).execute();
        }
        rows.clear();
        visits.clear();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void sql(String url, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
