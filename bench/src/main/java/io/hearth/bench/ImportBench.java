package io.hearth.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import io.hearth.connector.csv.CsvConnector;
import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.Connector;
import io.hearth.connector.spi.RecordReader;
import io.hearth.core.HearthCore;
import io.hearth.core.Stores;
import io.hearth.core.app.AuditLog;
import io.hearth.core.app.Contacts;
import io.hearth.core.app.LeadConversion;
import io.hearth.core.app.LeadMerges;
import io.hearth.core.app.Leads;
import io.hearth.core.app.SourceRemovals;
import io.hearth.core.app.SyncEngine;
import io.hearth.core.app.Transactor;
import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.auth.TeamRoster;
import io.hearth.core.contact.ContactRules;
import io.hearth.core.contact.ContactStore;
import io.hearth.core.dedup.DuplicateGuard;
import io.hearth.core.dedup.PersonMatchStore;
import io.hearth.core.lead.LeadRules;
import io.hearth.core.lead.LeadStore;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.core.persistence.JooqContactStore;
import io.hearth.core.persistence.JooqLeadStore;
import io.hearth.core.persistence.JooqPersonMatchStore;
import io.hearth.core.persistence.JooqSyncRunStore;
import io.hearth.core.persistence.JooqTransactor;
import io.hearth.core.person.PhoneNumbers;
import io.hearth.core.priority.LeadProfileStore;
import io.hearth.core.priority.MissedDeadlineStore;
import io.hearth.core.priority.RuleProbability;
import io.hearth.core.priority.SpeedToLeadPolicy;
import io.hearth.core.queue.QueueStore;
import io.hearth.core.resource.TimeOrderedIds;
import io.hearth.core.sync.ConnectorRegistry;
import io.hearth.core.sync.ImportFolder;
import io.hearth.core.sync.RetryPolicy;
import io.hearth.core.sync.SyncListener;
import io.hearth.core.sync.SyncRequest;
import io.hearth.core.sync.SyncRun;
import io.hearth.core.sync.SyncRunStore;
import io.hearth.core.sync.SyncSettings;
import io.hearth.core.touch.CadencePolicy;
import io.hearth.core.touch.CadenceRules;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
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
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * A CSV import end to end (parse, map, dedup, store, rate) and without the rating, beside its raw
 * floors on the same machine in the same run: parsing the file alone, and batch-inserting the same
 * rows with plain JDBC (the lead rows alone, and every row the import writes: lead, external id,
 * profile, queue entry). Prints rows/s and peak heap for each and the ratios, on HSQLDB (embedded
 * file) and PostgreSQL when a URL is given; the PostgreSQL schemas it makes are dropped at the end.
 *
 * <pre>java -Xmx512m -cp bench/target/hearth-bench.jar io.hearth.bench.ImportBench 1000000 [pg-url] [hsqldb|postgresql]</pre>
 *
 * <p>The third argument runs one database only.
 */
public final class ImportBench {
    private static final int JDBC_BATCH = 1000;
    /** Where each import's time went, printed after its figure. */
    private static final List<String> breakdowns = new ArrayList<>();

    private ImportBench() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String pgUrl = args.length > 1 ? args[1] : null;
        String only = args.length > 2 ? args[2] : "";
        Path work = Files.createTempDirectory("hearth-import-bench");
        Path csv = work.resolve("leads.csv");
        writeCsv(csv, rows);
        System.out.printf(
                "%,d rows, %,d bytes, max heap %d MB%n",
                rows, Files.size(csv), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("%-12s %-26s %12s %14s%n", "database", "what", "rows/s", "live heap MB");

        parse(csv); // warms up the JIT, so that the first figure is not the slowest for no good reason
        report("-", "parse only (csv connector)", rows, () -> parse(csv));
        if (!only.equals("postgresql")) {
            compare("hsqldb", rows, csv, name -> DatabaseConfig.embedded(work.resolve(name), 4));
        }
        if (pgUrl != null && !only.equals("hsqldb")) {
            List<String> schemas = new ArrayList<>();
            try {
                compare("postgresql", rows, csv, name -> pgSchema(pgUrl, schemas));
            } finally {
                dropSchemas(pgUrl, schemas);
            }
        }
    }

    interface Databases {
        DatabaseConfig fresh(String name) throws Exception;
    }

    /** The floors and the imports on one kind of database, each on a fresh one, and how they compare. */
    private static void compare(String database, int rows, Path csv, Databases databases) throws Exception {
        double bareLead = report(
                database,
                "JDBC: lead, primary key only",
                rows,
                () -> jdbcInsert(databases.fresh("jdbc-bare"), rows, Floor.BARE_LEAD));
        double leadFloor = report(
                database, "JDBC floor: lead rows", rows, () -> jdbcInsert(databases.fresh("jdbc"), rows, Floor.LEAD));
        double everyRowFloor = report(
                database,
                "JDBC floor: every row",
                rows,
                () -> jdbcInsert(databases.fresh("jdbc-all"), rows, Floor.EVERY_ROW));
        report(database, "import, no rating", rows, () -> importFile(databases.fresh("plain"), csv, false));
        double endToEnd =
                report(database, "import end to end", rows, () -> importFile(databases.fresh("e2e"), csv, true));
        System.out.printf(
                "%-12s import end to end = %.2f x the lead-row floor, %.2f x the every-row floor%n",
                database, endToEnd / leadFloor, endToEnd / everyRowFloor);
        System.out.printf(
                "%-12s lead-row floor = %.2f x the lead table with its primary key only%n",
                database, leadFloor / bareLead);
    }

    interface Phase {
        void run() throws Exception;
    }

    /**
     * Runs a phase and prints its rows/s and the most heap it kept live: the largest heap in use
     * right after a collection, which is what the phase needs (the heap in use between collections
     * is mostly garbage and only says how large -Xmx was). The run itself stays within -Xmx.
     */
    static double report(String database, String what, int rows, Phase phase) throws Exception {
        System.gc();
        AtomicLong live = new AtomicLong(
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        NotificationListener afterGc = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                GcInfo gc = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                        .getGcInfo();
                live.accumulateAndGet(
                        gc.getMemoryUsageAfterGc().values().stream()
                                .mapToLong(MemoryUsage::getUsed)
                                .sum(),
                        Math::max);
            }
        };
        List<NotificationEmitter> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(NotificationEmitter.class::cast)
                .toList();
        collectors.forEach(c -> c.addNotificationListener(afterGc, null, null));
        long start = System.nanoTime();
        try {
            phase.run();
        } finally {
            for (NotificationEmitter collector : collectors) {
                collector.removeNotificationListener(afterGc);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-12s %-26s %,12.0f %14d%n", database, what, rows / seconds, live.get() >> 20);
        breakdowns.forEach(System.out::print);
        breakdowns.clear();
        return rows / seconds;
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

    /** What a plain-JDBC insert run writes. */
    private enum Floor {
        /**
         * The lead rows into a lead table stripped of its unique constraint and secondary indexes
         * (list orders and matching keys): not a floor, but the ceiling of this machine and database
         * for the lead rows alone, to weigh the import's target against.
         */
        BARE_LEAD,
        /** The lead rows, with the schema as it is. */
        LEAD,
        /** Every row an import writes: the lead, its external id, its rated profile and its queue entry. */
        EVERY_ROW
    }

    private static final List<String> LEAD_SECONDARY_INDEXES = List.of(
            "ix_lead_created",
            "ix_lead_updated",
            "ix_lead_display_name",
            "ix_lead_owner",
            "ix_lead_email_key",
            "ix_lead_phone",
            "ix_lead_name_key");

    /**
     * The raw floor: the rows an import stores, batch-inserted with plain JDBC and nothing else (no
     * parsing, mapping, cleaning, matching or rating).
     */
    private static void jdbcInsert(DatabaseConfig config, int rows, Floor floor) throws Exception {
        boolean everyTable = floor == Floor.EVERY_ROW;
        try (Database database = Database.open(config);
                Connection connection = DriverManager.getConnection(config.url(), config.user(), config.password())) {
            if (floor == Floor.BARE_LEAD) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ALTER TABLE lead DROP CONSTRAINT uq_lead_create_request");
                    for (String index : LEAD_SECONDARY_INDEXES) {
                        statement.execute("DROP INDEX " + index);
                    }
                }
            }
            connection.setAutoCommit(false);
            String leadSql =
                    "INSERT INTO lead (id, display_name, given_name, family_name, company, title, email, phone, "
                            + "source, status, temperature, created_at, updated_at, version, email_key, name_key) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)";
            String externalIdSql = "INSERT INTO external_id (connector, external_id, person_kind, person_id) "
                    + "VALUES ('csv', ?, 'LEAD', ?)";
            String profileSql = "INSERT INTO lead_profile (lead_id, referral, budget, authority, need, timescale, "
                    + "lead_level, model_temperature, sizzling, probability, reasons, rated_at, rating_valid_until) "
                    + "VALUES (?, 'NONE', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN', 0, 'COOL', FALSE, 0.1, "
                    + "'web form lead', ?, ?)";
            String queueSql =
                    "INSERT INTO queue_entry (person_id, person_kind, display_name, lane_priority, queue_rank, "
                            + "visible_from, action, channel, reasons) VALUES (?, 'LEAD', ?, 30, ?, ?, 'COLD_CALL', 'PHONE', "
                            + "'web form lead')";
            TimeOrderedIds ids = new TimeOrderedIds(Clock.systemUTC());
            try (PreparedStatement lead = connection.prepareStatement(leadSql);
                    PreparedStatement externalId = connection.prepareStatement(externalIdSql);
                    PreparedStatement profile = connection.prepareStatement(profileSql);
                    PreparedStatement queue = connection.prepareStatement(queueSql)) {
                List<PreparedStatement> statements =
                        everyTable ? List.of(lead, externalId, profile, queue) : List.of(lead);
                Timestamp now = Timestamp.from(Instant.now());
                Timestamp later = Timestamp.from(Instant.now().plusSeconds(86_400));
                for (int i = 0; i < rows; i++) {
                    UUID id = ids.next();
                    lead.setObject(1, id);
                    lead.setString(2, "Given" + i + " Family" + i);
                    lead.setString(3, "Given" + i);
                    lead.setString(4, "Family" + i);
                    lead.setString(5, "Company " + (i % 5000));
                    lead.setString(6, "Buyer");
                    lead.setString(7, "person" + i + "@example.com");
                    lead.setString(8, "+1415" + String.format("%07d", i));
                    lead.setString(9, "WEB_FORM");
                    lead.setString(10, "NEW");
                    lead.setString(11, "COOL");
                    lead.setTimestamp(12, now);
                    lead.setTimestamp(13, now);
                    lead.setString(14, "person" + i + "@example.com");
                    lead.setString(15, "given" + i + " family" + i + "|company " + (i % 5000));
                    lead.addBatch();
                    if (everyTable) {
                        externalId.setString(1, Integer.toString(i));
                        externalId.setObject(2, id);
                        externalId.addBatch();
                        profile.setObject(1, id);
                        profile.setTimestamp(2, now);
                        profile.setTimestamp(3, later);
                        profile.addBatch();
                        queue.setObject(1, id);
                        queue.setString(2, "Given" + i + " Family" + i);
                        queue.setLong(3, i);
                        queue.setTimestamp(4, now);
                        queue.addBatch();
                    }
                    if ((i + 1) % JDBC_BATCH == 0 || i == rows - 1) {
                        for (PreparedStatement statement : statements) {
                            statement.executeBatch();
                        }
                        connection.commit();
                    }
                }
            }
        }
    }

    /**
     * Imports the file through the sync engine as the server wires it, timing each store call.
     *
     * @param rate whether new leads are rated and queued, as the server does
     */
    private static void importFile(DatabaseConfig config, Path csv, boolean rate) {
        Timings timings = new Timings();
        long start = System.nanoTime();
        try (Database database = Database.open(config)) {
            SyncEngine engine = rate
                    ? asTheServerWiresIt(database, csv, timings, List.of(new CsvConnector()))
                    : withoutRating(database, csv, timings);
            SyncRun run = engine.run(SyncRequest.of("csv", Map.of("path", csv.toString())), SyncListener.NONE);
            if (run.counts().created() == 0) {
                throw new IllegalStateException("nothing imported: " + run);
            }
        }
        breakdowns.add(timings.report((System.nanoTime() - start) / 1e9));
    }

    /** The server's own graph ({@link HearthCore}) with {@code connectors}, every store call timed. */
    static SyncEngine asTheServerWiresIt(Database database, Path csv, Timings timings, List<Connector> connectors) {
        return HearthCore.on(database)
                .probability(new RuleProbability())
                .connectors(ConnectorRegistry.of(connectors))
                .syncSettings(new SyncSettings(new ImportFolder(csv.getParent()), SyncSettings.DEFAULT_LEASE))
                .stores(stores -> new Stores(
                        timings.wrap(LeadStore.class, stores.leads(), "lead"),
                        timings.wrap(ContactStore.class, stores.contacts(), "contact"),
                        timings.wrap(PersonMatchStore.class, stores.matches(), "match"),
                        stores.merges(),
                        timings.wrap(LeadProfileStore.class, stores.profiles(), "profile"),
                        timings.wrap(MissedDeadlineStore.class, stores.missedDeadlines(), "missed"),
                        timings.wrap(QueueStore.class, stores.queue(), "queue"),
                        stores.touches(),
                        stores.followUps(),
                        stores.cadences(),
                        stores.followUpStats(),
                        timings.wrap(SyncRunStore.class, stores.syncRuns(), "run"),
                        stores.connections(),
                        stores.apiTokens(),
                        stores.shownLeads(),
                        stores.shownContacts()))
                .build()
                .sync();
    }

    /**
     * A diagnostic graph the server never runs: the sync engine without the ratings, to show what
     * rating and queueing add to an import. Wired by hand on purpose, since {@link HearthCore}
     * always rates.
     */
    private static SyncEngine withoutRating(Database database, Path csv, Timings timings) {
        Transactor transactor = new JooqTransactor(database.dsl());
        PersonMatchStore matches =
                timings.wrap(PersonMatchStore.class, new JooqPersonMatchStore(database.dsl()), "match");
        DuplicateGuard duplicates = new DuplicateGuard(matches, SpeedToLeadPolicy.DEFAULT.inboundSources());
        LeadRules leadRules = new LeadRules(new PhoneNumbers("US"));
        ContactRules contactRules = new ContactRules(new PhoneNumbers("US"));
        Clock clock = Clock.systemUTC();
        Leads leads = new Leads(
                timings.wrap(LeadStore.class, new JooqLeadStore(database.dsl()), "lead"),
                transactor,
                leadRules,
                clock,
                duplicates,
                List.of(),
                CurrentCaller.NONE,
                AuditLog.disabled(),
                TeamRoster.NONE);
        Contacts contacts = new Contacts(
                timings.wrap(ContactStore.class, new JooqContactStore(database.dsl()), "contact"),
                transactor,
                contactRules,
                clock,
                duplicates,
                List.of(),
                CurrentCaller.NONE,
                AuditLog.disabled(),
                TeamRoster.NONE);
        Stores stores = Stores.jooq(database.dsl());
        LeadConversion conversion = new LeadConversion(
                leads,
                stores.contacts(),
                stores.touches(),
                stores.followUps(),
                stores.cadences(),
                new CadenceRules(CadencePolicy.DEFAULT),
                transactor,
                clock,
                List.of());
        io.hearth.core.persistence.JooqOpportunityStore opportunities =
                new io.hearth.core.persistence.JooqOpportunityStore(database.dsl());
        io.hearth.core.touch.ContactQueue queue = new io.hearth.core.touch.ContactQueue(
                stores.contacts(),
                new io.hearth.core.touch.CadenceStandings(stores.cadences(), stores.followUps(), CadencePolicy.DEFAULT),
                stores.queue(),
                opportunities,
                new io.hearth.core.opportunity.Pipelines(
                        new io.hearth.core.persistence.JooqTeamPipelineStore(database.dsl()),
                        io.hearth.core.opportunity.PipelineStages.DEFAULT),
                stores.touches());
        // a CSV deletes and merges nothing, but the engine is wired as the server's is
        SourceRemovals removals = new SourceRemovals(
                matches,
                leads,
                contacts,
                new LeadMerges(
                        leads,
                        contacts,
                        stores.merges(),
                        matches,
                        stores.profiles(),
                        stores.touches(),
                        stores.followUps(),
                        stores.cadences(),
                        transactor,
                        clock),
                conversion);
        return new SyncEngine(
                ConnectorRegistry.of(List.of(new CsvConnector())),
                timings.wrap(SyncRunStore.class, new JooqSyncRunStore(database.dsl()), "run"),
                matches,
                leads,
                contacts,
                removals,
                new io.hearth.core.app.DealImport(
                        opportunities,
                        new io.hearth.core.persistence.JooqDealLinkStore(database.dsl()),
                        matches,
                        new JooqContactStore(database.dsl()),
                        io.hearth.core.opportunity.PipelineStages.DEFAULT,
                        new io.hearth.core.opportunity.OpportunityRules(),
                        AuditLog.disabled(),
                        new io.hearth.core.resource.TimeOrderedIds(clock),
                        conversion,
                        queue),
                leadRules,
                contactRules,
                transactor,
                clock,
                RetryPolicy.DEFAULT,
                new SyncSettings(new ImportFolder(csv.getParent()), SyncSettings.DEFAULT_LEASE),
                CurrentCaller.NONE,
                TeamRoster.NONE,
                AuditLog.disabled());
    }

    static DatabaseConfig pgSchema(String url, List<String> created) throws Exception {
        String schema =
                "hearth_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        created.add(schema);
        // the floor's plain JDBC connection gets the same multi-row batch rewriting the server configures
        return new DatabaseConfig(
                url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&reWriteBatchedInserts=true",
                null,
                null,
                4);
    }

    static void dropSchemas(String url, List<String> schemas) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            for (String schema : schemas) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
