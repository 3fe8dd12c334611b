package io.hearth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.core.HearthCore;
import io.hearth.core.app.Connections;
import io.hearth.core.contact.Contact;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.PersonRef;
import io.hearth.core.touch.Channel;
import io.hearth.core.touch.Outcome;
import io.hearth.core.touch.TouchInput;
import io.hearth.core.touch.TouchKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Records a CRM deleted or merged into another, read by a connection's runs: the person is archived
 * with the reason, never deleted; a merge of two people Hearth has merges them by the merge rules;
 * reading the same removal again changes nothing; nothing is written back to a record that is gone.
 * Run against each database by a subclass.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class SourceRemovalsContract {
    private final TickingClock clock = new TickingClock(Instant.parse("2026-11-02T09:00:00Z"), Duration.ofMillis(1));
    private final MemoryCrm crm = new MemoryCrm("crm");
    private TestDatabase testDatabase;
    private HearthCore core;
    private Connections connections;
    private Connection connection;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        core = SyncFixtures.core(testDatabase.database(), clock, crm)
                .secrets(new SecretResolver(Map.of("CRM_TOKEN", "t0ken")::get))
                .retry(new RetryPolicy(3, Duration.ofMillis(1), d -> {}))
                .build();
        connections = core.connections();
        crm.put("c1", "First Name", "Ada", "Last Name", "Lovelace", "Email", "ada@example.com", "Title", "Countess");
        crm.put("c2", "First Name", "Alan", "Last Name", "Turing", "Email", "alan@example.com");
        crm.put("c3", "First Name", "Grace", "Last Name", "Hopper", "Email", "grace@example.com");
        connection = connections.create(new ConnectionFields(
                "CRM",
                "connectors/crm",
                Map.of(),
                Map.of("token", "env:CRM_TOKEN"),
                ConnectionSchedule.MANUAL,
                ConnectionDirection.BOTH,
                true));
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    private SyncRun run() {
        SyncRun run = connections.run(connection.name(), SyncListener.NONE);
        assertThat(run.state()).as(run.toString()).isEqualTo(SyncState.SUCCEEDED);
        return run;
    }

    private PersonRef person(String externalId) {
        return core.transactor()
                .inTransaction(() -> core.stores().matches().linked("crm", List.of(externalId)))
                .get(externalId);
    }

    private Lead lead(String externalId) {
        return core.leads().get(person(externalId).leadId());
    }

    private void logCall(PersonRef person, String note) {
        core.followUps()
                .logTouch(new TouchInput(
                        person,
                        TouchKind.COLD_CALL,
                        Channel.PHONE,
                        null,
                        Duration.ofMinutes(3),
                        Outcome.LEFT_VOICEMAIL,
                        note,
                        "alice"));
    }

    @Test
    void aDeletedRecordArchivesItsPersonWithTheReasonAndReadingItAgainChangesNothing() {
        run();
        Lead before = lead("c1");
        crm.delete("c1");

        SyncRun deleted = run();

        assertThat(deleted.counts().archived()).isEqualTo(1);
        assertThat(deleted.counts().rejected()).as("applied, not rejected").isZero();
        assertThat(core.sync().getRun(deleted.id()).counts().archived())
                .as("as stored")
                .isEqualTo(1);
        Lead ada = lead("c1");
        assertThat(ada.archived()).isTrue();
        assertThat(ada.archiveReason()).isEqualTo("deleted in crm (record c1)");
        assertThat(ada.fields()).as("kept, not deleted").isEqualTo(before.fields());
        assertThat(lead("c2").archived()).isFalse();

        crm.delete("c1");
        SyncRun again = run();

        assertThat(again.counts().archived()).isZero();
        assertThat(again.counts().unchanged()).isEqualTo(1);
        assertThat(lead("c1").version()).as("nothing stored").isEqualTo(ada.version());
    }

    @Test
    void aRestoredLeadLosesTheReason() {
        run();
        crm.delete("c1");
        run();

        Lead restored = core.leads().restore(person("c1").leadId(), "");

        assertThat(restored.archived()).isFalse();
        assertThat(restored.archiveReason()).isNull();
        assertThat(lead("c1").archiveReason()).isNull();
    }

    @Test
    void aDeletedContactIsArchivedWithTheReason() {
        run();
        ContactId contact =
                core.conversion().convert(person("c2").leadId(), "").contact().id();
        crm.delete("c2");

        SyncRun deleted = run();

        assertThat(deleted.counts().archived()).isEqualTo(1);
        Contact alan = core.contacts().get(contact);
        assertThat(alan.archived()).isTrue();
        assertThat(alan.archiveReason()).isEqualTo("deleted in crm (record c2)");
    }

    @Test
    void aRecordDeletedBeforeHearthEverHadItChangesNothing() {
        crm.put("c9", "First Name", "Nobody");
        crm.delete("c9");

        SyncRun first = run();

        assertThat(first.counts().created()).isEqualTo(3);
        assertThat(first.counts().archived()).isZero();
        assertThat(first.counts().unchanged()).isEqualTo(1);
        assertThat(first.counts().rejected()).isZero();
        assertThat(person("c9")).isNull();
    }

    @Test
    void aMergeOfTwoLeadsInTheCrmMergesThemInHearth() {
        run();
        PersonRef ada = person("c1");
        PersonRef alan = person("c2");
        logCall(ada, "called Ada before the merge");
        crm.merge("c1", "c2");

        SyncRun merged = run();

        assertThat(merged.counts().archived()).isEqualTo(1);
        Lead duplicate = core.leads().get(ada.leadId());
        assertThat(duplicate.archived()).isTrue();
        assertThat(duplicate.mergedInto()).isEqualTo(alan.name());
        assertThat(duplicate.archiveReason()).isEqualTo("merged in crm into c2");
        assertThat(person("c1"))
                .as("the merged record's link moved to the survivor")
                .isEqualTo(alan);
        Lead survivor = core.leads().get(alan.leadId());
        assertThat(survivor.archived()).isFalse();
        assertThat(survivor.fields().title())
                .as("what the survivor lacked, by the merge rules")
                .isEqualTo("Countess");
        assertThat(core.followUps().listTouches(alan, null, null, null, 10, "").items())
                .as("the touch moved with the merge")
                .extracting(t -> t.note())
                .contains("called Ada before the merge");

        crm.merge("c1", "c2");
        SyncRun again = run();
        assertThat(again.counts().archived()).isZero();
        assertThat(core.leads().get(ada.leadId()).version()).isEqualTo(duplicate.version());
    }

    @Test
    void aLeadMergedInTheCrmIntoAContactIsMergedIntoThatContact() {
        run();
        ContactId alan =
                core.conversion().convert(person("c2").leadId(), "").contact().id();
        PersonRef ada = person("c1");
        crm.merge("c1", "c2");

        SyncRun merged = run();

        assertThat(merged.counts().archived()).isEqualTo(1);
        Lead duplicate = core.leads().get(ada.leadId());
        assertThat(duplicate.mergedInto()).isEqualTo(alan.name());
        assertThat(duplicate.archiveReason()).isEqualTo("merged in crm into c2");
        assertThat(core.contacts().get(alan).fields().title()).isEqualTo("Countess");
    }

    @Test
    void aContactMergedAwayInTheCrmIsArchivedWithTheReason() {
        run();
        ContactId ada =
                core.conversion().convert(person("c1").leadId(), "").contact().id();
        crm.merge("c1", "c2");

        SyncRun merged = run();

        assertThat(merged.counts().archived()).isEqualTo(1);
        Contact contact = core.contacts().get(ada);
        assertThat(contact.archived()).isTrue();
        assertThat(contact.archiveReason()).isEqualTo("merged in crm into c2");
        assertThat(lead("c2").archived()).isFalse();
    }

    @Test
    void aMergeIntoAnArchivedSurvivorArchivesTheMergedPersonWithTheReason() {
        run();
        core.leads().archive(person("c2").leadId(), "");
        PersonRef ada = person("c1");
        crm.merge("c1", "c2");

        SyncRun merged = run();

        assertThat(merged.counts().archived()).isEqualTo(1);
        Lead duplicate = core.leads().get(ada.leadId());
        assertThat(duplicate.archived()).isTrue();
        assertThat(duplicate.mergedInto())
                .as("not merged into an archived person")
                .isNull();
        assertThat(duplicate.archiveReason()).isEqualTo("merged in crm into c2");
    }

    @Test
    void nothingIsWrittenBackToARecordTheCrmDeleted() {
        run();
        PersonRef ada = person("c1");
        logCall(ada, "logged before the CRM deleted her");
        int writesBefore = crm.personWrites.size();
        crm.delete("c1");

        SyncRun deleted = run();

        assertThat(deleted.counts().archived()).isEqualTo(1);
        assertThat(crm.touchesSent).as("no touch for a record that is gone").isEmpty();
        assertThat(crm.personWrites.subList(writesBefore, crm.personWrites.size()))
                .extracting(p -> p.externalId())
                .doesNotContain("c1");
    }

    @Test
    void aLeadTheCrmConvertedIsConvertedAndTheCrmsContactUpdatesThatContact() {
        run();
        PersonRef ada = person("c1");
        crm.convert("c1", "k1");

        SyncRun converted = run();

        assertThat(converted.counts().updated()).isEqualTo(1);
        assertThat(converted.counts().archived()).isZero();
        ContactId contact = new ContactId(ada.id());
        assertThat(core.contacts().get(contact).convertedFrom()).isEqualTo(ada.leadId());
        assertThat(person("k1")).as("the CRM's contact is linked to it").isEqualTo(PersonRef.of(contact));

        crm.put("k1", "First Name", "Ada", "Last Name", "Lovelace", "Email", "ada@example.com", "Title", "Analyst");
        SyncRun contactRead = run();

        assertThat(contactRead.counts().created()).as("no second person").isZero();
        assertThat(core.contacts().get(contact).fields().title()).isEqualTo("Analyst");

        crm.convert("c1", "k1");
        SyncRun again = run();
        assertThat(again.counts().updated()).isZero();
        assertThat(again.counts().unchanged()).isEqualTo(1);
    }

    @Test
    void aConversionReadWithItsContactInOneBatchConvertsThePersonOnce() {
        run();
        PersonRef ada = person("c1");
        crm.put("k1", "First Name", "Ada", "Last Name", "Lovelace", "Email", "ada@example.com");
        crm.convert("c1", "k1");

        SyncRun converted = run();

        assertThat(converted.counts().created()).isZero();
        assertThat(core.contacts().get(new ContactId(ada.id())).convertedFrom()).isEqualTo(ada.leadId());
        assertThat(core.leads().list("", "", true, 100, "").items()).hasSize(3);
    }
}
