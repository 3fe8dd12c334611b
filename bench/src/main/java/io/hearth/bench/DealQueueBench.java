package io.hearth.bench;

import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.contact.ContactOrigin;
import io.hearth.core.opportunity.DealAttention;
import io.hearth.core.opportunity.NextStep;
import io.hearth.core.opportunity.Opportunity;
import io.hearth.core.opportunity.OpportunityFields;
import io.hearth.core.opportunity.OpportunityId;
import io.hearth.core.opportunity.OpportunitySource;
import io.hearth.core.opportunity.PipelineStage;
import io.hearth.core.opportunity.PipelineStages;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.core.persistence.JooqContactStore;
import io.hearth.core.persistence.JooqOpportunityStore;
import io.hearth.core.persistence.JooqQueueStore;
import io.hearth.core.persistence.JooqTransactor;
import io.hearth.core.person.ContactId;
import io.hearth.core.queue.CadenceStanding;
import io.hearth.core.queue.Lane;
import io.hearth.core.queue.QueueEntry;
import io.hearth.core.resource.Money;
import io.hearth.core.touch.ContactQueueRules;
import io.hearth.core.touch.TouchStore.LastTouches;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * The work queue's "next 50" at 1,000,000 queued leads, without and with 100,000 open deals beside
 * them (issue 19: the read must stay within its figures). Two databases of one kind hold the same
 * lead entries (one seed); the second also holds 100,000 contacts, each with an open deal stored
 * through the real stores, and the contacts' queue entries placed by the real rules
 * ({@link DealAttention}, {@link ContactQueueRules}): a deal in one of the default pipeline's open
 * stages, entered up to 20 days ago, six in ten with a dated next step (a tenth of those overdue,
 * the rest over the next 30 days), so some deals stall, some are due and most wait. Every read is
 * timed alternately on both, as {@link QueueBench} does.
 *
 * <p>Usage: {@code java -cp bench/target/hearth-bench.jar io.hearth.bench.DealQueueBench [leads] [deals]
 * [postgres-url] [hsqldb|postgresql]}; the PostgreSQL URL defaults to {@code $HEARTH_BENCH_PG_URL}.
 */
public final class DealQueueBench {
    private static final int PER_TRANSACTION = 2_000;
    private static final List<PipelineStage> OPEN_STAGES = PipelineStages.DEFAULT.stages().stream()
            .filter(stage -> !stage.closing())
            .toList();

    private DealQueueBench() {}

    public static void main(String[] args) throws Exception {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int deals = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        String pgUrl = args.length > 2 && !args[2].isBlank() ? args[2] : System.getenv("HEARTH_BENCH_PG_URL");
        String only = args.length > 3 ? args[3] : "";
        List<String> rows = new ArrayList<>();
        if (!only.equals("postgresql")) {
            Path dir = Files.createTempDirectory("hearth-deal-bench");
            try {
                rows.addAll(run(
                        "HSQLDB (file, embedded default)",
                        DatabaseConfig.embedded(dir.resolve("leads"), 4),
                        DatabaseConfig.embedded(dir.resolve("deals"), 4),
                        leads,
                        deals));
            } finally {
                QueueBench.deleteRecursively(dir);
            }
        }
        if (only.equals("hsqldb")) {
            System.err.println("PostgreSQL skipped: asked for HSQLDB only");
        } else if (pgUrl != null) {
            String prefix = "hearth_bench_" + UUID.randomUUID().toString().substring(0, 8);
            QueueBench.sql(pgUrl, "CREATE SCHEMA " + prefix + "_leads");
            QueueBench.sql(pgUrl, "CREATE SCHEMA " + prefix + "_deals");
            try {
                rows.addAll(run(
                        "PostgreSQL",
                        QueueBench.pg(pgUrl, prefix + "_leads"),
                        QueueBench.pg(pgUrl, prefix + "_deals"),
                        leads,
                        deals));
            } finally {
                QueueBench.sql(pgUrl, "DROP SCHEMA " + prefix + "_leads CASCADE");
                QueueBench.sql(pgUrl, "DROP SCHEMA " + prefix + "_deals CASCADE");
            }
        } else {
            System.err.println(
                    "PostgreSQL skipped: pass its JDBC URL as the third argument or set HEARTH_BENCH_PG_URL");
        }
        System.out.println();
        System.out.printf(
                "| database | query | p50 ms, %,d leads | p99 ms | p50 ms, + %,d deals | p99 ms | p50 ratio | p99 ratio |%n",
                leads, deals);
        System.out.println("|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static List<String> run(
            String label, DatabaseConfig leadsOnly, DatabaseConfig withDeals, int leads, int deals) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Database plain = Database.open(leadsOnly);
                Database dealt = Database.open(withDeals)) {
            QueueBench.seed(plain, new Random(42), 0, leads);
            QueueBench.seed(dealt, new Random(42), 0, leads);
            long start = System.nanoTime();
            Map<Lane, Integer> placed = seedDeals(dealt, new Random(7), deals);
            System.err.printf(
                    "%s: %,d contacts with an open deal stored in %.1f s; their entries: %s%n",
                    label, deals, (System.nanoTime() - start) / 1e9, placed);
            if (dealt.config().kind() == DatabaseConfig.Kind.POSTGRESQL) {
                dealt.dsl().execute("VACUUM ANALYZE");
                dealt.dsl().execute("CHECKPOINT");
            }
            QueueBench.Side without = QueueBench.Side.of(plain);
            QueueBench.Side with = QueueBench.Side.of(dealt);
            Map<String, QueueBench.Read> reads = new LinkedHashMap<>();
            reads.put("next 50 for one rep", (side, r) -> QueueBench.firstPage(side, QueueBench.rep(r)));
            reads.put("next 50 for the team", (side, r) -> QueueBench.firstPage(side, ""));
            reads.put("one rep, after the due follow-ups", (side, r) -> QueueBench.pastDue(side, QueueBench.rep(r)));
            reads.put("team, after the due follow-ups", (side, r) -> QueueBench.pastDue(side, null));
            Random random = new Random(42);
            for (Map.Entry<String, QueueBench.Read> read : reads.entrySet()) {
                double[][] figures = QueueBench.measure(without, with, read.getValue(), random);
                rows.add(String.format(
                        "| %s | %s | %.3f | %.3f | %.3f | %.3f | %.2fx | %.2fx |",
                        label,
                        read.getKey(),
                        figures[0][0],
                        figures[0][1],
                        figures[1][0],
                        figures[1][1],
                        figures[1][0] / figures[0][0],
                        figures[1][1] / figures[0][1]));
            }
        }
        return rows;
    }

    /**
     * {@code count} contacts, each with one open deal, stored through the stores the server uses, and
     * the queue entry the rules give each contact (a contact without a follow-up whose deal has no
     * step gets none). Returns how many entries went to which lane.
     */
    private static Map<Lane, Integer> seedDeals(Database database, Random random, int count) {
        JooqContactStore contacts = new JooqContactStore(database.dsl());
        JooqOpportunityStore opportunities = new JooqOpportunityStore(database.dsl());
        JooqQueueStore queue = new JooqQueueStore(database.dsl());
        JooqTransactor transactor = new JooqTransactor(database.dsl());
        Map<Lane, Integer> placed = new LinkedHashMap<>();
        for (int from = 0; from < count; from += PER_TRANSACTION) {
            int to = Math.min(count, from + PER_TRANSACTION);
            int first = from;
            transactor.inTransaction(() -> {
                List<QueueEntry> entries = new ArrayList<>();
                for (int i = first; i < to; i++) {
                    Contact contact = contact(random, i);
                    Opportunity deal = deal(random, contact, i);
                    contacts.insert(contact, null);
                    opportunities.insert(deal, null);
                    Optional<QueueEntry> entry = ContactQueueRules.entryFor(
                            contact,
                            CadenceStanding.NONE,
                            DealAttention.of(deal, PipelineStages.DEFAULT).stream()
                                    .toList(),
                            LastTouches.NONE);
                    entry.ifPresent(entries::add);
                    entry.ifPresent(e -> placed.merge(e.lane(), 1, Integer::sum));
                }
                queue.insertAll(entries);
                return null;
            });
        }
        return placed;
    }

    private static Contact contact(Random random, int i) {
        Instant created = QueueBench.NOW.minus(Duration.ofDays(30 + random.nextInt(300)));
        return new Contact(
                new ContactId(
                        new UUID(((long) (2_000_000 + i) << 16) | 0x7000L, random.nextLong() >>> 2 | Long.MIN_VALUE)),
                ContactFields.builder()
                        .givenName("Buyer")
                        .familyName(Integer.toString(i))
                        .company("Account " + i)
                        .phone("+4420" + String.format("%08d", i))
                        .kind(ContactKind.PROSPECT)
                        .owner(QueueBench.rep(random))
                        .build(),
                ContactOrigin.DIRECT,
                null,
                created,
                created,
                null,
                1);
    }

    private static Opportunity deal(Random random, Contact contact, int i) {
        PipelineStage stage = OPEN_STAGES.get(random.nextInt(OPEN_STAGES.size()));
        Instant entered = QueueBench.NOW.minus(Duration.ofMinutes(random.nextInt(20 * 24 * 60)));
        NextStep next = null;
        if (random.nextDouble() < 0.6) {
            long minutes = random.nextDouble() < 0.1 ? -random.nextInt(3 * 24 * 60) : 1 + random.nextInt(30 * 24 * 60);
            next = new NextStep("call about the proposal", QueueBench.NOW.plus(Duration.ofMinutes(minutes)));
        }
        OpportunityFields fields = new OpportunityFields(
                "Deal " + i,
                new Money("EUR", BigDecimal.valueOf(1_000 + random.nextInt(200_000))),
                LocalDate.ofInstant(QueueBench.NOW, ZoneOffset.UTC).plusDays(10 + random.nextInt(120)),
                contact.fields().owner(),
                next);
        return Opportunity.open(
                new OpportunityId(UUID.randomUUID()),
                contact.id(),
                fields,
                stage,
                OpportunitySource.NONE,
                "bench",
                entered);
    }
}
