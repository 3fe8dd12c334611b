package io.hearth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.connector.csv.CsvConnector;
import io.hearth.connector.hubspot.HubSpotConnector;
import io.hearth.core.HearthCore;
import io.hearth.core.app.SyncEngine;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.core.sync.SyncListener;
import io.hearth.core.sync.SyncRequest;
import io.hearth.core.sync.SyncRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A CRM sync beside the CSV import of the same people, in the same run: N people served by a fake
 * HubSpot contact search on 127.0.0.1 ({@link HubSpotSearchFake}) in pages of 200 (the connector's and
 * HubSpot's largest search page), synced through {@link HearthCore} and the hubspot connector into a
 * fresh database, and the same people as a CSV file imported into another. Prints rows/s of each, the
 * ratio CRM/CSV, and beside them the fake's serving cost alone: a JDK HttpClient paging through the
 * same queries the connector sends and parsing each page with Jackson, storing nothing.
 *
 * <pre>java -Xmx1g -cp bench/target/hearth-bench.jar io.hearth.bench.CrmImportBench 100000 [pg-url] [hsqldb|postgresql]</pre>
 *
 * <p>The third argument runs one database only. The PostgreSQL schemas it makes are dropped at the end.
 */
public final class CrmImportBench {
    /** HubSpot's largest search page, which the connector accepts as its page_size. */
    private static final int PAGE_SIZE = 200;
    /** The search's result cap: the connector restarts its query from the last contact before passing it. */
    private static final int RESULT_CAP = 10_000;
    /** How far behind the clock the connector's read window ends (HubSpot's search index delay). */
    private static final Duration INDEX_DELAY = Duration.ofMinutes(1);

    private static final ObjectMapper JSON = new ObjectMapper();

    private CrmImportBench() {}

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("hearth-crm-bench");
        try {
            run(args, work);
        } finally {
            // the HSQLDB files and the CSV: hundreds of MB at 100,000 people
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void run(String[] args, Path work) throws Exception {
        // the JDK's HTTP server waits for delayed ACKs on small writes without it (tens of ms a page)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        if (people < 1 || people > 1_000_000) {
            throw new IllegalArgumentException("people must be from 1 to 1,000,000, got " + people);
        }
        String pgUrl = args.length > 1 ? args[1] : null;
        String only = args.length > 2 ? args[2] : "";
        Path csv = work.resolve("people.csv");
        BenchPeople.writeCsv(csv, people);
        // modified a day ago, a millisecond apart: all inside the connector's first window
        long firstModified = Instant.now().minus(Duration.ofDays(1)).toEpochMilli();
        try (HubSpotSearchFake fake = new HubSpotSearchFake(people, firstModified)) {
            Map<String, String> hubspot = Map.of(
                    "access_token",
                    HubSpotSearchFake.TOKEN,
                    "base_url",
                    fake.baseUrl(),
                    "page_size",
                    Integer.toString(PAGE_SIZE),
                    // a first read lists no deletions anyway; the fake serves the search only
                    "read_deletions",
                    "false");
            System.out.printf(
                    "%,d people, CSV %,d bytes, HubSpot pages of %d, max heap %d MB%n",
                    people, Files.size(csv), PAGE_SIZE, Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("%-12s %-26s %12s %14s%n", "database", "what", "rows/s", "live heap MB");

            warmUp(work.resolve("warm-up"), firstModified);
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            // warms up the JIT, the server and the client, so that the first figure is not the slowest for no reason
            pageThrough(client, fake, people);
            double serving =
                    ImportBench.report("-", "fake serving only", people, () -> pageThrough(client, fake, people));
            if (!only.equals("postgresql")) {
                compare(
                        "hsqldb",
                        people,
                        csv,
                        hubspot,
                        serving,
                        name -> DatabaseConfig.embedded(work.resolve(name), 4));
            }
            if (pgUrl != null && !only.equals("hsqldb")) {
                List<String> schemas = new ArrayList<>();
                try {
                    compare("postgresql", people, csv, hubspot, serving, name -> ImportBench.pgSchema(pgUrl, schemas));
                } finally {
                    ImportBench.dropSchemas(pgUrl, schemas);
                }
            }
        }
    }

    /** The CSV import and the CRM sync of the same people, each into a fresh database, and the ratio. */
    private static void compare(
            String database,
            int people,
            Path csv,
            Map<String, String> hubspot,
            double serving,
            ImportBench.Databases databases)
            throws Exception {
        double csvRate = timedSync(
                database,
                "CSV import",
                databases.fresh("csv"),
                csv,
                SyncRequest.of("csv", Map.of("path", csv.toString())),
                people);
        double crmRate = timedSync(
                database, "HubSpot sync", databases.fresh("crm"), csv, SyncRequest.of("hubspot", hubspot), people);
        System.out.printf(
                "%-12s HubSpot sync = %.2f x the CSV import (target >= 0.5x); the fake alone serves %,.0f rows/s, "
                        + "%.0f %% of the sync's time%n",
                database, crmRate / csvRate, serving, 100 * crmRate / serving);
    }

    /**
     * Both syncs of a few people into throwaway databases, untimed: otherwise the first sync timed
     * would pay for compiling the code both share (the engine, matching, rating, the stores).
     */
    private static void warmUp(Path folder, long firstModified) throws Exception {
        int people = 2_000;
        Files.createDirectories(folder);
        Path csv = folder.resolve("people.csv");
        BenchPeople.writeCsv(csv, people);
        try (HubSpotSearchFake fake = new HubSpotSearchFake(people, firstModified)) {
            Map<String, String> hubspot = Map.of(
                    "access_token",
                    HubSpotSearchFake.TOKEN,
                    "base_url",
                    fake.baseUrl(),
                    "page_size",
                    Integer.toString(PAGE_SIZE),
                    "read_deletions",
                    "false");
            for (SyncRequest request : List.of(
                    SyncRequest.of("csv", Map.of("path", csv.toString())), SyncRequest.of("hubspot", hubspot))) {
                try (Database opened = Database.open(DatabaseConfig.embedded(folder.resolve(request.connector()), 4))) {
                    SyncRun run = engine(opened, csv).run(request, SyncListener.NONE);
                    if (run.counts().created() != people) {
                        throw new IllegalStateException("the warm-up " + request.connector() + " sync created "
                                + run.counts().created() + " of " + people + ": " + run);
                    }
                }
            }
        }
    }

    private static SyncEngine engine(Database database, Path csv) {
        return engine(database, csv, new Timings());
    }

    /** The server's own graph ({@link HearthCore}) with both connectors, every store call timed. */
    private static SyncEngine engine(Database database, Path csv, Timings timings) {
        return ImportBench.asTheServerWiresIt(
                database, csv, timings, List.of(new CsvConnector(), new HubSpotConnector()));
    }

    /**
     * One sync through the server's own graph on a fresh database, timed from the run's start: the
     * database is opened (migrated) before, so the figure holds the sync alone. Every person must come
     * out created.
     */
    private static double timedSync(
            String database, String what, DatabaseConfig config, Path csv, SyncRequest request, int people)
            throws Exception {
        try (Database opened = Database.open(config)) {
            Timings timings = new Timings();
            SyncEngine engine = engine(opened, csv, timings);
            long start = System.nanoTime();
            double rate = ImportBench.report(database, what, people, () -> {
                SyncRun run = engine.run(request, SyncListener.NONE);
                if (run.counts().created() != people) {
                    throw new IllegalStateException(
                            request.connector() + " created " + run.counts().created() + " of " + people + ": " + run);
                }
            });
            // where the sync's time went, store method by store method; the rest is reading and Java
            System.out.print(timings.report((System.nanoTime() - start) / 1e9));
            return rate;
        }
    }

    /**
     * Pages through the fake as the connector does on a first read: the window up to the index delay
     * before now, sorted by lastmodifieddate, following paging.next.after, and restarting the query
     * from the last contact taken before the result cap. Each page is parsed with Jackson; nothing is
     * kept.
     */
    private static void pageThrough(HttpClient client, HubSpotSearchFake fake, int people) throws Exception {
        long until = Instant.now().minus(INDEX_DELAY).toEpochMilli();
        long from = fake.firstModifiedAt();
        Long tieId = null;
        Integer after = null;
        long seen = 0;
        while (true) {
            JsonNode page = search(client, fake, from, tieId, until, after);
            JsonNode results = page.path("results");
            seen += results.size();
            String next = page.path("paging").path("next").path("after").asText(null);
            if (next == null) {
                break;
            }
            int nextAfter = Integer.parseInt(next);
            if (nextAfter + PAGE_SIZE > RESULT_CAP) {
                JsonNode last = results.get(results.size() - 1);
                from = Instant.parse(
                                last.path("properties").path("lastmodifieddate").asText())
                        .toEpochMilli();
                tieId = Long.parseLong(last.path("id").asText());
                after = null;
            } else {
                after = nextAfter;
            }
        }
        if (seen != people) {
            throw new IllegalStateException("paged through " + seen + " contacts of " + people);
        }
    }

    private static JsonNode search(
            HttpClient client, HubSpotSearchFake fake, long from, Long tieId, long until, Integer after)
            throws Exception {
        List<Object> groups = new ArrayList<>();
        if (tieId == null) {
            groups.add(Map.of(
                    "filters",
                    List.of(filter("lastmodifieddate", "GTE", from), filter("lastmodifieddate", "LTE", until))));
        } else {
            groups.add(Map.of(
                    "filters", List.of(filter("lastmodifieddate", "EQ", from), filter("hs_object_id", "GT", tieId))));
            groups.add(Map.of(
                    "filters",
                    List.of(filter("lastmodifieddate", "GT", from), filter("lastmodifieddate", "LTE", until))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filterGroups", groups);
        body.put("sorts", List.of(Map.of("propertyName", "lastmodifieddate", "direction", "ASCENDING")));
        body.put(
                "properties",
                List.of(
                        "firstname",
                        "lastname",
                        "email",
                        "phone",
                        "company",
                        "jobtitle",
                        "hubspot_owner_id",
                        "hs_lead_status",
                        "lifecyclestage",
                        "lastmodifieddate",
                        "hs_merged_object_ids"));
        body.put("limit", PAGE_SIZE);
        if (after != null) {
            body.put("after", after.toString());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + HubSpotSearchFake.PATH))
                .header("Authorization", "Bearer " + HubSpotSearchFake.TOKEN)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the fake answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return JSON.readTree(response.body());
    }

    private static Map<String, String> filter(String property, String operator, long value) {
        return Map.of("propertyName", property, "operator", operator, "value", Long.toString(value));
    }
}
