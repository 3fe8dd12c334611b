package io.hearth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.csv.CsvConnector;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFixtures;
import io.hearth.core.lead.Leads;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqLeadStore;
import io.hearth.core.persistence.JooqPersonMatchStore;
import io.hearth.core.persistence.JooqSyncRunStore;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.persistence.Transactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NUL and other control characters, which PostgreSQL cannot store (NUL) and nobody types on purpose,
 * are refused as bad input the same way on every database: a person's field by its name, an
 * imported row on its own while the rest of the file is stored. Run against each database by a
 * subclass.
 */
public abstract class ControlCharactersContract {
    private final TickingClock clock = new TickingClock(Instant.parse("2026-11-02T09:00:00Z"), Duration.ofMillis(1));
    private TestDatabase testDatabase;
    private Database database;
    private Leads leads;

    @TempDir
    Path dir;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        database = testDatabase.database();
        leads = LeadFixtures.leads(database, clock);
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void anImportRejectsJustTheRowsWithControlCharactersAndStoresTheRest() throws Exception {
        StringBuilder csv = new StringBuilder("ID,First Name,Last Name,Email,Company,Notes\n")
                .append("1,Ada,Lovelace,ada@example.com,Analytical Engines,\"first line\nsecond\tline\"\n")
                .append("2,Nul\u0000ly,Broken,nully@example.com,Acme,\n")
                .append("3,Alan,Turing,alan@example.com,Bell\u0007 Labs,\n")
                .append("4\u0000x,Grace,Hopper,grace@example.com,Navy,\n")
                .append("5,Too,Many,cells@example.com,Acme,,\u0000surplus\n");
        for (int i = 6; i <= 25; i++) {
            csv.append(i)
                    .append(",Given")
                    .append(i)
                    .append(",Family")
                    .append(i)
                    .append(",p")
                    .append(i)
                    .append("@example.com,Company ")
                    .append(i)
                    .append(",\n");
        }
        Path file = Files.writeString(dir.resolve("people.csv"), csv);
        SyncEngine engine = engine();

        SyncRun run = engine.run(SyncRequest.of("csv", Map.of("path", file.toString())), SyncListener.NONE);

        assertThat(run.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(run.counts()).isEqualTo(new SyncCounts(25, 21, 0, 0, 0, 4));
        List<Rejection> rejected = engine.rejections(run.id(), 10, "").items();
        assertThat(rejected).extracting(Rejection::position).containsExactly("row 6", "row 3", "row 4", "row 5");
        assertThat(rejected.get(0).reason()).contains("7 fields");
        assertThat(rejected.get(1).reason()).contains("given_name").contains("U+0000");
        assertThat(rejected.get(2).reason()).contains("company").contains("U+0007");
        assertThat(rejected.get(3).reason()).contains("external_id").contains("U+0000");
        assertThat(rejected)
                .allSatisfy(r -> assertThat(r.raw()).contains("\uFFFD").doesNotContain("\u0000"));
        assertThat(rejected.get(1).raw()).contains("Nul\uFFFDly");
        Lead ada = leads.list("", "", false, 100, "").items().stream()
                .filter(l -> "Ada".equals(l.fields().givenName()))
                .findFirst()
                .orElseThrow();
        assertThat(ada.fields().notes())
                .as("tabs and line breaks are fine in notes")
                .isEqualTo("first line\nsecond\tline");
    }

    @Test
    void aPersonWithAControlCharacterIsRefusedNamingTheField() {
        assertInvalid(
                () -> leads.create(LeadFixtures.person("Nul\u0000ly", "Broken").build(), null), "lead.given_name");
        assertInvalid(
                () -> leads.create(
                        LeadFixtures.person("Ada", "Lovelace")
                                .owner("al\u001bice")
                                .build(),
                        null),
                "lead.owner");
        assertInvalid(
                () -> leads.create(
                        LeadFixtures.person("Ada", "Lovelace")
                                .notes("fine\nbut \u0000")
                                .build(),
                        null),
                "lead.notes");
        assertInvalid(() -> leads.create(LeadFixtures.person("Ada", "Lovelace").build(), "retry-\u0000"), "request_id");
        assertThat(leads.list("", "", true, 10, "").items()).isEmpty();
    }

    @Test
    void aLookupByAValueWithAControlCharacterIsBadInputNotADatabaseError() {
        assertInvalid(() -> leads.list("owner = \"al\u0000ice\"", "", false, 10, ""), "filter");
    }

    private static void assertInvalid(ThrowingCallable call, String field) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly(field));
    }

    private SyncEngine engine() {
        return new SyncEngine(
                ConnectorRegistry.of(List.of(new CsvConnector())),
                new JooqSyncRunStore(database.dsl()),
                new JooqPersonMatchStore(database.dsl()),
                new JooqLeadStore(database.dsl()),
                LeadFixtures.rules(),
                List.of(),
                SyncFixtures.contacts(database),
                new Transactor(database.dsl()),
                clock,
                new RetryPolicy(1, Duration.ofMillis(1), pause -> {}),
                new SyncSettings(new ImportFolder(dir), SyncSettings.DEFAULT_LEASE));
    }
}
