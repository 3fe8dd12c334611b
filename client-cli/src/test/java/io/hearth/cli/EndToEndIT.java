package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.cli.ServerProcess.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The product as a user runs it: the packaged server jar in its own process, stopped with SIGTERM
 * and started again on the same data, driven by the CLI: the packaged jar where its process matters,
 * its entry point in this JVM for the other commands.
 */
// each test has its own server processes, data directory or schema, and files: they run at once
@Execution(ExecutionMode.CONCURRENT)
class EndToEndIT {
    private static final Pattern LEAD_NAME = Pattern.compile("\"name\": \"(leads/[0-9a-f-]{36})\"");
    private static final Pattern CONTACT_NAME = Pattern.compile("\"name\": \"(contacts/[0-9a-f-]{36})\"");
    private static final Pattern FOLLOW_UP_NAME = Pattern.compile("(followUps/[0-9a-f-]{36})");
    private static final String PG_URL = System.getenv("HEARTH_TEST_PG_URL");
    // a row of 'hearth sync runs': state, then read and created
    private static final Pattern RUN_ROW =
            Pattern.compile("syncRuns/\\S+\\s+(\\w+)\\s+csv\\s+\\S+\\s+(\\d+)\\s+(\\d+)");

    @TempDir
    Path dataDir;

    @Test
    void embeddedHsqldbKeepsLeadsAcrossRestarts() throws Exception {
        scenario(List.of("--data-dir", dataDir.toString()));
    }

    @Test
    void postgresqlRunsTheSameScenario() throws Exception {
        if (PG_URL == null || PG_URL.isBlank()) {
            System.err.println("[hearth] end-to-end PostgreSQL scenario SKIPPED: set HEARTH_TEST_PG_URL to run it");
        }
        Assumptions.assumeTrue(PG_URL != null && !PG_URL.isBlank(), "needs HEARTH_TEST_PG_URL");
        String schema =
                "hearth_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        sql("CREATE SCHEMA " + schema);
        try {
            String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            scenario(List.of("--data-dir", dataDir.toString(), "--db-url", url));
        } finally {
            sql("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void ctrlCDuringAnImportCancelsTheRunAndTheSameCommandGoesOn() throws Exception {
        // 30 batches of the sync engine's 1,000: the CLI is stopped once the first is stored, so 29 are
        // left for SIGTERM, its shutdown hook and the cancel to land in (it lands after a few); every
        // row is imported once in all, which is most of this test's time
        int rows = 30_000;
        Path csv = dataDir.resolve("big.csv");
        StringBuilder content = new StringBuilder("First Name,Last Name,Email\n");
        for (int i = 0; i < rows; i++) {
            content.append("P").append(i).append(",Person,p").append(i).append("@example.com\n");
        }
        Files.writeString(csv, content);
        try (ServerProcess server = ServerProcess.start(
                List.of("--data-dir", dataDir.resolve("data").toString()))) {
            Path err = dataDir.resolve("import.err");
            Process importing = server.cliProcess(err, "import", csv.toString());
            awaitRun(server, "running", created -> created > 0);
            importing.destroy(); // SIGTERM runs the same shutdown hook as Ctrl-C's SIGINT
            assertThat(importing.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(err)).contains("Import cancelled");
            long storedBeforeCancel = awaitRun(server, "cancelled", created -> true);
            assertThat(storedBeforeCancel).isLessThan(rows);

            Cli again = server.cli("import", csv.toString());
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(awaitRun(server, "succeeded", created -> true)).isEqualTo(rows - storedBeforeCancel);
        }
    }

    /** Polls 'hearth sync runs' until the newest run is in {@code state} with created rows passing {@code check}. */
    private static long awaitRun(ServerProcess server, String state, java.util.function.LongPredicate check)
            throws Exception {
        for (int i = 0; i < 300; i++) {
            Cli runs = server.cliInProcess("sync", "runs", "--page-size", "1");
            Matcher row = RUN_ROW.matcher(runs.out());
            if (row.find() && row.group(1).equals(state) && check.test(Long.parseLong(row.group(3)))) {
                return Long.parseLong(row.group(3));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the newest run never was " + state);
    }

    private void scenario(List<String> serverArgs) throws Exception {
        String leadName;
        try (ServerProcess server = ServerProcess.start(serverArgs)) {
            // the first command, the duplicate refusal, the restarted server's get and both imports of
            // the Ctrl-C test run the CLI jar in its own JVM (its exit status, its signals); the rest
            // run the same entry point in this JVM, against the same server process
            Cli created = server.cli(
                    "leads",
                    "create",
                    "--given-name",
                    "Ada",
                    "--family-name",
                    "Lovelace",
                    "--email",
                    "ada@example.com",
                    "--phone",
                    "(415) 555-0100",
                    "--source",
                    "web-form",
                    "--owner",
                    "alice",
                    "--output",
                    "json");
            assertThat(created.exitCode()).as(created.toString()).isZero();
            assertThat(created.out()).contains("+14155550100");
            Matcher name = LEAD_NAME.matcher(created.out());
            assertThat(name.find()).as(created.out()).isTrue();
            leadName = name.group(1);

            Cli listed = server.cliInProcess("leads", "list", "--owner", "alice");
            assertThat(listed.exitCode()).as(listed.toString()).isZero();
            assertThat(listed.out()).contains("Ada Lovelace").contains("web-form");

            Cli enteredTwice = server.cli("leads", "create", "--given-name", "Augusta", "--email", "ADA@example.com");
            assertThat(enteredTwice.exitCode()).as(enteredTwice.toString()).isEqualTo(1);
            assertThat(enteredTwice.err())
                    .contains("ALREADY_EXISTS")
                    .contains("reason: DUPLICATE_PERSON")
                    .contains("existing: " + leadName);
            Cli twin = server.cliInProcess(
                    "leads",
                    "create",
                    "--given-name",
                    "Augusta",
                    "--email",
                    "ADA@example.com",
                    "--tag",
                    "twin",
                    "--allow-duplicate",
                    "--output",
                    "json");
            assertThat(twin.exitCode()).as(twin.toString()).isZero();
            Matcher twinName = LEAD_NAME.matcher(twin.out());
            assertThat(twinName.find()).as(twin.out()).isTrue();
            Cli merged = server.cliInProcess("leads", "merge", leadName, twinName.group(1));
            assertThat(merged.exitCode()).as(merged.toString()).isZero();
            assertThat(merged.out()).contains(twinName.group(1) + " merged into " + leadName);
            Cli gotTwin = server.cliInProcess("leads", "get", twinName.group(1), "--output", "json");
            assertThat(gotTwin.out()).contains("\"mergedInto\": \"" + leadName + "\"");

            Cli noWayToReach = server.cliInProcess("leads", "create", "--company", "Acme");
            assertThat(noWayToReach.exitCode()).as(noWayToReach.toString()).isEqualTo(1);
            assertThat(noWayToReach.err())
                    .contains("INVALID_ARGUMENT")
                    .contains("lead.email")
                    .contains("lead.phone");

            Cli badEmail = server.cliInProcess("leads", "create", "--given-name", "Bob", "--email", "bob@");
            assertThat(badEmail.exitCode()).isEqualTo(1);
            assertThat(badEmail.err()).contains("INVALID_ARGUMENT").contains("field lead.email");

            Cli badPageSize = server.cliInProcess("leads", "list", "--page-size", "-1");
            assertThat(badPageSize.exitCode()).isNotZero();
            assertThat(badPageSize.err()).contains("page");

            Cli badToken = server.cliInProcess("leads", "list", "--page-token", "not-a-token");
            assertThat(badToken.exitCode()).isEqualTo(1);
            assertThat(badToken.err()).contains("INVALID_ARGUMENT").contains("page_token");

            Cli stale = server.cliInProcess("leads", "update", leadName, "--owner", "bob", "--etag", "\"99\"");
            assertThat(stale.exitCode()).isEqualTo(1);
            assertThat(stale.err()).contains("ABORTED");

            Cli updated = server.cliInProcess("leads", "update", leadName, "--owner", "bob");
            assertThat(updated.exitCode()).as(updated.toString()).isZero();

            Cli qualified = server.cliInProcess("leads", "qualify", leadName, "--budget", "yes", "--etag", "\"1\"");
            assertThat(qualified.exitCode()).as(qualified.toString()).isZero();
            Cli staleQualification =
                    server.cliInProcess("leads", "qualify", leadName, "--need", "no", "--etag", "\"1\"");
            assertThat(staleQualification.exitCode()).isEqualTo(1);
            assertThat(staleQualification.err()).contains("ABORTED");
            Cli partial = server.cliInProcess("leads", "qualify", leadName, "--need", "yes");
            assertThat(partial.exitCode()).as(partial.toString()).isZero();
            assertThat(partial.out()).contains("budget:            yes").contains("need:              yes");

            // the web-form lead, now bob's, heads his agenda with its speed-to-lead countdown
            Cli agenda = server.cliInProcess("agenda", "--hours", "1", "--owner", "bob");
            assertThat(agenda.exitCode()).as(agenda.toString()).isZero();
            assertThat(agenda.out()).contains("Ada Lovelace");

            Cli stats = server.cliInProcess("stats", "response", "--missed");
            assertThat(stats.exitCode()).as(stats.toString()).isZero();

            // a rep works the lead's follow-ups and touches from the CLI
            Cli scheduled = server.cliInProcess(
                    "followups", "schedule", leadName, "--channel", "email", "--due", "-1h", "--purpose", "price list");
            assertThat(scheduled.exitCode()).as(scheduled.toString()).isZero();
            Matcher step = FOLLOW_UP_NAME.matcher(scheduled.out());
            assertThat(step.find()).as(scheduled.out()).isTrue();
            String emailStep = step.group(1);
            assertThat(scheduled.out()).contains("price list").contains("email");
            Cli due = server.cliInProcess("followups", "due", "--owner", "bob");
            assertThat(due.out()).as(due.toString()).contains(emailStep);
            Cli skipped = server.cliInProcess("followups", "skip", emailStep);
            assertThat(skipped.exitCode()).as(skipped.toString()).isZero();
            Matcher instead =
                    FOLLOW_UP_NAME.matcher(skipped.out().substring(skipped.out().indexOf("instead")));
            assertThat(instead.find()).as(skipped.out()).isTrue();
            Cli completed = server.cliInProcess(
                    "followups", "complete", instead.group(1), "--outcome", "no-answer", "--by", "bob");
            assertThat(completed.exitCode()).as(completed.toString()).isZero();
            assertThat(completed.out()).startsWith("logged touches/");
            Cli skippedAgain = server.cliInProcess("followups", "skip", emailStep);
            assertThat(skippedAgain.exitCode()).isEqualTo(1);
            assertThat(skippedAgain.err()).contains("FAILED_PRECONDITION").contains("reason: FOLLOW_UP_CLOSED");
            List<String> earlierTouch = List.of(
                    "touch",
                    "log",
                    leadName,
                    "--kind",
                    "touch-base",
                    "--channel",
                    "email",
                    "--outcome",
                    "no-answer",
                    "--note",
                    "sent the brochure",
                    "--by",
                    "bob",
                    "--at");
            Cli backdated = server.cliInProcess(
                    Stream.concat(earlierTouch.stream(), Stream.of("-3h")).toArray(String[]::new));
            assertThat(backdated.exitCode()).as(backdated.toString()).isZero();
            Cli future = server.cliInProcess(
                    Stream.concat(earlierTouch.stream(), Stream.of("+1d")).toArray(String[]::new));
            assertThat(future.exitCode()).as(future.toString()).isEqualTo(1);
            assertThat(future.err()).contains("INVALID_ARGUMENT").contains("field touch.occur_time");
            Cli touches = server.cliInProcess("touch", "list", leadName, "--performed-by", "bob", "--output", "json");
            assertThat(touches.exitCode()).as(touches.toString()).isZero();
            assertThat(touches.out()).contains("sent the brochure").contains("\"followUpNumber\": 1");
            assertThat(Pattern.compile("\"touches/")
                            .matcher(touches.out())
                            .results()
                            .count())
                    .as(touches.out())
                    .isEqualTo(2);

            // a retried CreateContact (same request id) answers with the contact the first call made
            List<String> supplier = List.of(
                    "contacts",
                    "create",
                    "--kind",
                    "supplier",
                    "--company",
                    "Paper Co",
                    "--request-id",
                    "e2e-paper-co",
                    "--output",
                    "json");
            Cli first = server.cliInProcess(supplier.toArray(String[]::new));
            Cli retried = server.cliInProcess(supplier.toArray(String[]::new));
            assertThat(first.exitCode()).as(first.toString()).isZero();
            assertThat(retried.exitCode()).as(retried.toString()).isZero();
            Matcher firstName = CONTACT_NAME.matcher(first.out());
            assertThat(firstName.find()).as(first.out()).isTrue();
            assertThat(retried.out()).contains(firstName.group(1));
            Cli contacts = server.cliInProcess("contacts", "list", "--kind", "supplier", "--output", "json");
            assertThat(CONTACT_NAME.matcher(contacts.out()).results().count())
                    .as(contacts.out())
                    .isEqualTo(1);

            // a contact entered directly gets its cadence's first step, due at once: it is in the queue
            Cli dana = server.cliInProcess(
                    "contacts",
                    "create",
                    "--kind",
                    "prospect",
                    "--given-name",
                    "Dana",
                    "--family-name",
                    "Direct",
                    "--phone",
                    "+1 415 555 0177",
                    "--owner",
                    "dave");
            assertThat(dana.exitCode()).as(dana.toString()).isZero();
            Cli davesQueue = server.cliInProcess("queue", "--owner", "dave", "--all");
            assertThat(davesQueue.exitCode()).as(davesQueue.toString()).isZero();
            assertThat(davesQueue.out()).contains("Dana Direct").contains("follow-up by phone");

            // contacts export with their kind, and the file imports back without making leads of them
            Path suppliers = Files.createTempDirectory(dataDir, "export").resolve("suppliers.csv");
            Cli exported =
                    server.cliInProcess("export", suppliers.toString(), "--contacts", "--filter", "kind = supplier");
            assertThat(exported.exitCode()).as(exported.toString()).isZero();
            assertThat(Files.readString(suppliers))
                    .contains("Contact Kind")
                    .contains("Paper Co,")
                    .contains(",supplier,");
            Cli reimported = server.cliInProcess("import", suppliers.toString());
            assertThat(reimported.exitCode()).as(reimported.toString()).isZero();
            Cli leadsAfter = server.cliInProcess("leads", "list", "--output", "json");
            assertThat(leadsAfter.out())
                    .as("a supplier is not re-made as a lead")
                    .doesNotContain("Paper Co");

            // contacts are updated, archived and restored from the CLI
            String paperCo = firstName.group(1);
            Cli retitled =
                    server.cliInProcess("contacts", "update", paperCo, "--title", "Paper merchant", "--owner", "carol");
            assertThat(retitled.exitCode()).as(retitled.toString()).isZero();
            assertThat(retitled.out()).contains("Paper merchant").contains("carol");
            Cli archivedContact = server.cliInProcess("contacts", "archive", paperCo);
            assertThat(archivedContact.exitCode())
                    .as(archivedContact.toString())
                    .isZero();
            assertThat(archivedContact.out()).contains("archived");
            Cli hidden = server.cliInProcess("contacts", "list", "--kind", "supplier", "--output", "json");
            assertThat(hidden.out()).as(hidden.toString()).doesNotContain(paperCo);
            Cli restoredContact = server.cliInProcess("contacts", "restore", paperCo, "--output", "json");
            assertThat(restoredContact.exitCode())
                    .as(restoredContact.toString())
                    .isZero();
            assertThat(restoredContact.out())
                    .contains("\"title\": \"Paper merchant\"")
                    .doesNotContain("archiveTime");
            Cli titled = server.cliInProcess(
                    "contacts", "create", "--kind", "partner", "--company", "Ink Ltd", "--title", "Reseller");
            assertThat(titled.exitCode()).as(titled.toString()).isZero();
            assertThat(titled.out()).contains("Reseller");
        }

        try (ServerProcess restarted = ServerProcess.start(serverArgs)) {
            Cli got = restarted.cli("leads", "get", leadName);
            assertThat(got.exitCode()).as(got.toString()).isZero();
            assertThat(got.out()).contains("Ada Lovelace").contains("bob");
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection(PG_URL);
                Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}
