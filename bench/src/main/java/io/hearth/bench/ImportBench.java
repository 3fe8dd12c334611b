package io.hearth.bench;

import io.hearth.connector.csv.CsvConnector;
import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.RecordReader;
import io.hearth.core.lead.LeadRules;
import io.hearth.core.person.PhoneNumbers;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.core.persistence.JooqLeadProfileStore;
import io.hearth.core.persistence.JooqLeadStore;
import io.hearth.core.persistence.JooqMissedDeadlineStore;
import io.hearth.core.persistence.JooqPersonMatchStore;
import io.hearth.core.persistence.JooqQueueStore;
import io.hearth.core.persistence.JooqSyncRunStore;
import io.hearth.core.persistence.Transactor;
import io.hearth.core.priority.LeadRatings;
import io.hearth.core.priority.RuleProbability;
import io.hearth.core.priority.SpeedToLeadPolicy;
import io.hearth.core.priority.TemperatureModel;
import io.hearth.core.priority.TemperaturePolicy;
import io.hearth.core.sync.ConnectorRegistry;
import io.hearth.core.sync.RetryPolicy;
import io.hearth.core.sync.SyncEngine;
import io.hearth.core.sync.SyncListener;
import io.hearth.core.sync.SyncRequest;
import io.hearth.core.sync.SyncRun;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A CSV import end to end (parse, map, dedup, store, rate) and without the rating, beside its raw floors on the same
 * machine in the same run: parsing the file alone, and batch-inserting the same rows with plain
 * JDBC. Prints rows/s and peak heap for each, on HSQLDB (embedded file) and PostgreSQL when a URL
 * is given.
 *
 * <pre>java -Xmx512m -cp bench/target/hearth-bench.jar io.hearth.bench.ImportBench 1000000 [pg-url]</pre>
 */
public final class ImportBench {
    private static final int JDBC_BATCH = 1000;

    private ImportBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String pgUrl = args.length > 1 ? args[1] : null;
        Path work = Files.createTempDirectory("hearth-import-bench");
        Path csv = work.resolve("leads.csv");
        writeCsv(csv, rows);
        System.out.printf("%,d rows, %,d bytes, max heap %d MB%n", rows, Files.size(csv),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("%-12s %-26s %12s %14s%n", "database", "what", "rows/s", "peak heap MB");

        report("-", "parse only (csv connector)", rows, () -> parse(csv));
        report("hsqldb", "plain JDBC batch insert", rows,
                () -> jdbcInsert(DatabaseConfig.embedded(work.resolve("jdbc"), 4), rows));
        report("hsqldb", "import, no rating", rows,
                () -> importFile(DatabaseConfig.embedded(work.resolve("plain"), 4), csv, false));
        report("hsqldb", "import end to end", rows,
                () -> importFile(DatabaseConfig.embedded(work.resolve("e2e"), 4), csv, true));
        if (pgUrl != null) {
            report("postgresql", "plain JDBC batch insert", rows, () -> jdbcInsert(pgSchema(pgUrl), rows));
            report("postgresql", "import, no rating", rows, () -> importFile(pgSchema(pgUrl), csv, false));
            report("postgresql", "import end to end", rows, () -> importFile(pgSchema(pgUrl), csv, true));
        }
    }

    private interface Phase {
        void run() throws Exception;
    }

    private static void report(String database, String what, int rows, Phase phase) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        phase.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        // the sum of each pool's peak: an upper bound of the heap in use at any one moment
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("%-12s %-26s %,12.0f %14d%n", database, what, rows / seconds, peak >> 20);
    }

    private static void writeCsv(Path file, int rows) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("Record ID,First Name,Last Name,Company,Job Title,Email,Phone,Lead Source,Lead Status\n");
            for (int i = 0; i < rows; i++) {
                out.write(i + ",Given" + i + ",Family" + i + ",Company " + (i % 5000) + ",Buyer,person" + i
                        + "@example.com,+1415" + String.format("%07d", i) + ",Web,Open\n");
            }
        }
    }

    private static void parse(Path csv) {
        long count = 0;
        try (RecordReader reader = new CsvConnector().openReader(Map.of("path", csv.toString()), null)) {
            Batch batch;
            do {
                batch = reader.read(SyncEngine.BATCH_SIZE);
                count += batch.records().size();
            } while (!batch.last());
        }
        if (count == 0) {
            throw new IllegalStateException("nothing parsed");
        }
    }

    private static void jdbcInsert(DatabaseConfig config, int rows) throws Exception {
        try (Database database = Database.open(config);
             Connection connection = DriverManager.getConnection(config.url(), config.user(), config.password())) {
            connection.setAutoCommit(false);
            String sql = "INSERT INTO lead (id, display_name, given_name, family_name, company, title, email, phone, "
                    + "source, status, temperature, created_at, updated_at, version) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                Timestamp now = Timestamp.from(Instant.now());
                for (int i = 0; i < rows; i++) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, "Given" + i + " Family" + i);
                    insert.setString(3, "Given" + i);
                    insert.setString(4, "Family" + i);
                    insert.setString(5, "Company " + (i % 5000));
                    insert.setString(6, "Buyer");
                    insert.setString(7, "person" + i + "@example.com");
                    insert.setString(8, "+1415" + String.format("%07d", i));
                    insert.setString(9, "WEB_FORM");
                    insert.setString(10, "NEW");
                    insert.setString(11, "COLD");
                    insert.setTimestamp(12, now);
                    insert.setTimestamp(13, now);
                    insert.addBatch();
                    if ((i + 1) % JDBC_BATCH == 0) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                if (rows % JDBC_BATCH != 0) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
        }
    }

    /** @param rate whether new leads are rated and queued, as the server does */
    private static void importFile(DatabaseConfig config, Path csv, boolean rate) {
        try (Database database = Database.open(config)) {
            Clock clock = Clock.systemUTC();
            Transactor transactor = new Transactor(database.dsl());
            JooqLeadStore leads = new JooqLeadStore(database.dsl());
            LeadRatings ratings = new LeadRatings(leads, new JooqLeadProfileStore(database.dsl()),
                    new JooqMissedDeadlineStore(database.dsl()), new JooqQueueStore(database.dsl()), transactor,
                    new TemperatureModel(TemperaturePolicy.DEFAULT, new RuleProbability(), clock),
                    SpeedToLeadPolicy.DEFAULT, clock);
            SyncEngine engine = new SyncEngine(ConnectorRegistry.of(List.of(new CsvConnector())),
                    new JooqSyncRunStore(database.dsl()), new JooqPersonMatchStore(database.dsl()), leads,
                    new LeadRules(new PhoneNumbers("US")), rate ? List.of(ratings) : List.of(), transactor, clock, RetryPolicy.DEFAULT);
            SyncRun run = engine.run(SyncRequest.of("csv", Map.of("path", csv.toString())), SyncListener.NONE);
            if (run.counts().created() == 0) {
                throw new IllegalStateException("nothing imported: " + run);
            }
        }
    }

    private static DatabaseConfig pgSchema(String url) throws Exception {
        String schema = "hearth_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        return new DatabaseConfig(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema
                + "&reWriteBatchedInserts=true", null, null, 4);
    }
}
