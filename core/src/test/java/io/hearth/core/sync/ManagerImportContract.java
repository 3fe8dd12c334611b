package io.hearth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.connector.csv.CsvConnector;
import io.hearth.core.HearthCore;
import io.hearth.core.auth.ApiToken;
import io.hearth.core.auth.Principal;
import io.hearth.core.auth.Role;
import io.hearth.core.auth.TokenHash;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.persistence.JooqApiTokenStore;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manager's import writes only their team's people: a row giving a new person to someone outside
 * the team, or matching a person someone outside the team owns, is rejected on its own (without
 * naming that person's owner), and the rest of the file is imported; a deal converts only a lead
 * of the team. An admin's import writes anyone's. Run against each database by a subclass.
 */
public abstract class ManagerImportContract {
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");
    private final TickingClock clock = new TickingClock(NOW, Duration.ofMillis(1));
    private final AtomicReference<Optional<Principal>> caller = new AtomicReference<>(Optional.empty());
    private TestDatabase testDatabase;
    private HearthCore core;

    @TempDir
    Path dir;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        core = SyncFixtures.core(testDatabase.database(), clock, new CsvConnector())
                .syncSettings(new SyncSettings(new ImportFolder(dir), SyncSettings.DEFAULT_LEASE))
                .caller(caller::get)
                .build();
        JooqApiTokenStore tokens = new JooqApiTokenStore(testDatabase.database().dsl());
        tokens.insert(token("t-bob", "bob", Role.REP, "east"), TokenHash.of("bob-token"));
        tokens.insert(token("t-carol", "carol", Role.REP, "west"), TokenHash.of("carol-token"));
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void aManagersImportRejectsRowsOfPeopleOutsideTheirTeam() throws Exception {
        Lead carols = core.leads()
                .create(
                        LeadFields.builder()
                                .givenName("Cyra")
                                .email("cyra@example.com")
                                .owner("carol")
                                .build(),
                        null);
        Files.writeString(
                dir.resolve("fair.csv"),
                "First Name,Email,Owner,Notes\n"
                        + "Cyra,cyra@example.com,,met at the fair\n"
                        + "Gil,gil@example.com,carol,\n"
                        + "Hana,hana@example.com,bob,\n"
                        + "Ivo,ivo@example.com,,\n"
                        + "Jo,jo@example.com,erin,\n");
        caller.set(Optional.of(new Principal("erin", Role.MANAGER, Optional.of("east"), "t-erin")));

        SyncRun run = core.sync().run(SyncRequest.of("csv", Map.of("path", "fair.csv")), SyncListener.NONE);

        assertThat(run.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(run.counts().created()).isEqualTo(3);
        assertThat(run.counts().rejected()).isEqualTo(2);
        List<Rejection> rejected = core.sync().rejections(run.id(), 10, "").items();
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(0).reason())
                .contains("a person someone outside your team works")
                .doesNotContain("carol");
        assertThat(rejected.get(1).reason()).contains("'carol' is not on your team (east)");
        caller.set(Optional.empty());
        assertThat(core.leads().get(carols.id())).isEqualTo(carols);
        assertThat(core.leads().list("", "", false, 100, "").items())
                .extracting(
                        lead -> lead.fields().givenName() + ":" + lead.fields().owner())
                .containsExactlyInAnyOrder("Cyra:carol", "Hana:bob", "Ivo:null", "Jo:erin");
    }

    @Test
    void aManagersDealImportConvertsOnlyTheirTeamsLeads() throws Exception {
        Lead carols = core.leads()
                .create(
                        LeadFields.builder()
                                .givenName("Cyra")
                                .email("cyra@example.com")
                                .owner("carol")
                                .build(),
                        null);
        Lead bobs = core.leads()
                .create(
                        LeadFields.builder()
                                .givenName("Hana")
                                .email("hana@example.com")
                                .owner("bob")
                                .build(),
                        null);
        Files.writeString(
                dir.resolve("deals.csv"),
                "Deal ID,Deal Name,Contact Email,Deal Owner,Amount,Currency,Stage,Close Date\n"
                        + "D1,Cyra's,cyra@example.com,bob,100,EUR,Proposal,2027-03-31\n"
                        + "D2,Hana's,hana@example.com,,100,EUR,Proposal,2027-03-31\n");
        caller.set(Optional.of(new Principal("erin", Role.MANAGER, Optional.of("east"), "t-erin")));

        SyncRun run = core.sync()
                .run(SyncRequest.of("csv", Map.of("path", "deals.csv", "records", "deals")), SyncListener.NONE);

        assertThat(run.counts().created()).isEqualTo(1);
        assertThat(run.counts().rejected()).isEqualTo(1);
        assertThat(core.sync().rejections(run.id(), 10, "").items())
                .singleElement()
                .extracting(Rejection::reason)
                .asString()
                .contains("a person someone outside your team works")
                .doesNotContain("carol");
        caller.set(Optional.empty());
        assertThat(core.leads().get(carols.id())).as("carol's lead, untouched").isEqualTo(carols);
        assertThat(core.leads().get(bobs.id()).fields().status()).isEqualTo(io.hearth.core.lead.LeadStatus.CONVERTED);
    }

    @Test
    void anAdminsImportWritesAnyonesPeople() throws Exception {
        Files.writeString(dir.resolve("all.csv"), "First Name,Email,Owner\nGil,gil@example.com,carol\n");
        caller.set(Optional.of(new Principal("root", Role.ADMIN, Optional.empty(), "t-root")));

        SyncRun run = core.sync().run(SyncRequest.of("csv", Map.of("path", "all.csv")), SyncListener.NONE);

        assertThat(run.counts().created()).isEqualTo(1);
        assertThat(run.counts().rejected()).isZero();
    }

    private static ApiToken token(String id, String user, Role role, String team) {
        return new ApiToken(id, user, role, Optional.of(team), NOW, "test", Optional.empty(), Optional.empty());
    }
}
