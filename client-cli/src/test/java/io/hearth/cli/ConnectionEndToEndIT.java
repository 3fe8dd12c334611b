package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.cli.ServerProcess.Cli;
import io.hearth.connector.hubspot.FakeHubSpot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CRM connection as a user sets it up: the HubSpot plugin jar dropped into the packaged server's
 * plugins folder, a fake HubSpot on 127.0.0.1, the token as a reference to the server's environment,
 * and the CLI creating, testing and running the connection (through its entry point in this JVM:
 * what only the CLI's own process shows is {@link EndToEndIT}'s and {@link TokensEndToEndIT}'s). A touch logged in Hearth
 * arrives in HubSpot as one activity, however many runs follow, and what Hearth wrote, read back,
 * causes no further write.
 */
class ConnectionEndToEndIT {
    private static final Pattern LEAD = Pattern.compile("\"name\": \"(leads/[0-9a-f-]{36})\"");
    private static final String MARKER = "[Hearth touch touches/";
    private static final String PG_URL = System.getenv("HEARTH_TEST_PG_URL");

    @TempDir
    Path dataDir;

    @Test
    void aHubSpotConnectionReadsThePeopleAndWritesALoggedTouchBackOnce() throws Exception {
        scenario(List.of("--data-dir", dataDir.toString()));
    }

    @Test
    void theSameOnPostgresql() throws Exception {
        if (PG_URL == null || PG_URL.isBlank()) {
            System.err.println("[hearth] HubSpot connection end-to-end on PostgreSQL SKIPPED: set HEARTH_TEST_PG_URL");
        }
        Assumptions.assumeTrue(PG_URL != null && !PG_URL.isBlank(), "needs HEARTH_TEST_PG_URL");
        String schema = "hearth_crm_e2e_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        sql("CREATE SCHEMA " + schema);
        try {
            String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            scenario(List.of("--data-dir", dataDir.toString(), "--db-url", url));
        } finally {
            sql("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private void scenario(List<String> serverArgs) throws Exception {
        long now = System.currentTimeMillis();
        Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
        Path plugin = Path.of(System.getProperty("hearth.hubspot.plugin.jar"));
        assertThat(plugin).as("the HubSpot plugin jar, packaged by the build").exists();
        Files.copy(plugin, plugins.resolve(plugin.getFileName()));
        // What Hearth writes is stamped now: a later run reads it back once HubSpot's read window (which
        // ends a minute before its run) has passed it, which depends on this machine's speed. Either
        // way it must cause no write; WriteBackContract reads the echo back every time.
        try (FakeHubSpot hubspot = new FakeHubSpot(now)) {
            // modified well before HubSpot's read window ends (a minute before now)
            hubspot.contact(
                    501,
                    now - 600_000,
                    "firstname",
                    "Ada",
                    "lastname",
                    "Lovelace",
                    "email",
                    "ada@example.com",
                    "lifecyclestage",
                    "lead");
            hubspot.contact(
                    502,
                    now - 590_000,
                    "firstname",
                    "Alan",
                    "lastname",
                    "Turing",
                    "email",
                    "alan@example.com",
                    "lifecyclestage",
                    "lead");
            try (ServerProcess server = ServerProcess.start(serverArgs, Map.of("HUBSPOT_TOKEN", FakeHubSpot.TOKEN))) {
                Cli created = server.cliInProcess(
                        "connections",
                        "create",
                        "HubSpot",
                        "--connector",
                        "hubspot",
                        "--set",
                        "base_url=" + hubspot.baseUrl(),
                        "--secret",
                        "access_token=env:HUBSPOT_TOKEN",
                        "--direction",
                        "both",
                        "--manual");
                assertThat(created.exitCode()).as(created.toString()).isZero();

                Cli first = server.cliInProcess("connections", "run", "HubSpot");
                assertThat(first.exitCode()).as(first.toString()).isZero();
                assertThat(first.out()).as(first.toString()).contains("succeeded");
                Cli listed = server.cliInProcess("leads", "list", "--output", "json");
                assertThat(listed.exitCode()).as(listed.toString()).isZero();
                assertThat(listed.out()).as(listed.toString()).contains("Lovelace", "Turing");
                assertThat(hubspot.contact(501).properties)
                        .as("Hearth's temperature and status written back")
                        .containsKeys("hearth_temperature", "hearth_status");
                int contactWrites = hubspot.contactWrites();

                String ada = leadWithEmail(listed, "ada@example.com");
                Cli logged = server.cliInProcess(
                        "touch",
                        "log",
                        ada,
                        "--kind",
                        "cold-call",
                        "--channel",
                        "phone",
                        "--outcome",
                        "left-voicemail",
                        "--note",
                        "asked about the webinar");
                assertThat(logged.exitCode()).as(logged.toString()).isZero();
                assertThat(hubspot.activities()).isEmpty();

                Cli second = server.cliInProcess("connections", "run", "HubSpot");
                assertThat(second.exitCode()).as(second.toString()).isZero();
                assertThat(hubspot.activities()).hasSize(1);
                // the first touch made the lead contacted: Hearth owns the status, so it is written back
                assertThat(hubspot.contact(501).properties.get("hearth_status")).containsIgnoringCase("contacted");
                assertThat(hubspot.contactWrites()).isGreaterThan(contactWrites);
                contactWrites = hubspot.contactWrites();
                FakeHubSpot.Activity call = hubspot.activities().get(0);
                assertThat(call.type).isEqualTo("calls");
                assertThat(call.contacts).containsExactly(501L);
                assertThat(call.properties.get("hs_call_body"))
                        .contains("asked about the webinar")
                        .contains(MARKER);

                Cli third = server.cliInProcess("connections", "run", "HubSpot");
                assertThat(third.exitCode()).as(third.toString()).isZero();
                assertThat(hubspot.activities()).as("still once").hasSize(1);
                assertThat(hubspot.contactWrites())
                        .as("the echo caused no write")
                        .isEqualTo(contactWrites);
            }
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection(PG_URL);
                Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    /** The lead's name, from the JSON list. */
    private static String leadWithEmail(Cli json, String email) {
        for (String lead : json.out().split("\\{\\s*\"name\"")) {
            Matcher name = LEAD.matcher("\"name\"" + lead);
            if (lead.contains("\"" + email + "\"") && name.find()) {
                return name.group(1);
            }
        }
        throw new AssertionError("no lead with " + email + " in\n" + json);
    }
}
