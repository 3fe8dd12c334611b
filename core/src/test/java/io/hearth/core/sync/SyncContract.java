package io.hearth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RejectedRecord;
import io.hearth.connector.spi.RetriableConnectorException;
import io.hearth.connector.spi.SourceRecord;
import io.hearth.connector.spi.StandardFields;
import io.hearth.core.Concurrently;
import io.hearth.core.HearthCore;
import io.hearth.core.app.Leads;
import io.hearth.core.app.SyncEngine;
import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.dedup.PersonMatchStore;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.lead.LeadFixtures;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.LeadWriteStep;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqPersonMatchStore;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonRef;
import io.hearth.core.query.Page;
import io.hearth.core.touch.CadencePolicy;
import io.hearth.core.touch.Hearth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sync engine and its stores, run against each database by a subclass. */
public abstract class SyncContract {
    private final TickingClock clock = new TickingClock(Instant.parse("2026-11-02T09:00:00Z"), Duration.ofMillis(1));
    private final List<Duration> pauses = new ArrayList<>();
    private final List<Lead> observed = new ArrayList<>();
    private final LeadWriteStep written = (lead, repGrade) -> {
        observed.add(lead);
        return lead;
    };
    private final List<Contact> contactsWritten = new ArrayList<>();
    private TestDatabase testDatabase;
    protected Database database;
    private Leads leads;
    private ListConnector source;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        database = testDatabase.database();
        leads = LeadFixtures.leads(database, clock);
        source = new ListConnector("crm", 2);
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    private SyncEngine engine(ListConnector... connectors) {
        return engineOn(database, connectors);
    }

    private SyncEngine engineOn(Database on, ListConnector... connectors) {
        return SyncFixtures.core(on, clock, connectors)
                .leadWriteSteps(List.of(written))
                .contactObservers(List.of(contactsWritten::add))
                .retry(new RetryPolicy(3, Duration.ofMillis(10), pauses::add))
                .build()
                .sync();
    }

    private SyncRun sync(ListConnector connector) {
        return engine(connector).run(SyncRequest.of(connector.name(), Map.of()), SyncListener.NONE);
    }

    private List<Lead> allLeads() {
        return leads.list("", "", true, 1000, "").items();
    }

    private static Map<String, String> person(String first, String last, String email, String phone) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("First Name", first);
        fields.put("Last Name", last);
        fields.put("Email", email);
        fields.put("Phone", phone);
        return fields;
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void twoSourcesOfTheSamePeopleSyncedAtOnceMakeEachPersonOnce() throws Exception {
        // two CRMs holding the same people under their own ids, synced at the same moment; on
        // PostgreSQL the second through another server's pool, so only the database orders them
        ListConnector first = new ListConnector("crm-a", 40);
        ListConnector second = new ListConnector("crm-b", 40);
        for (int i = 0; i < 400; i++) {
            first.add("a-" + i, person("Given" + i, "Family" + i, "p" + i + "@example.com", ""));
            second.add("b-" + i, person("Given" + i, "Family" + i, "p" + i + "@example.com", ""));
        }
        SyncEngine one = engineOn(database, first);
        SyncEngine other = engineOn(testDatabase.anotherServer(), second);
        AtomicInteger callers = new AtomicInteger();

        List<SyncRun> runs = Concurrently.run(
                2,
                () -> callers.getAndIncrement() == 0
                        ? one.run(SyncRequest.of("crm-a", Map.of()), SyncListener.NONE)
                        : other.run(SyncRequest.of("crm-b", Map.of()), SyncListener.NONE));

        assertThat(runs).extracting(SyncRun::state).containsOnly(SyncState.SUCCEEDED);
        assertThat(runs.stream().mapToLong(r -> r.counts().created()).sum()).isEqualTo(400);
        assertThat(allLeads()).hasSize(400);
    }

    @Test
    void newPeopleBecomeLeadsAndTheRunCountsThem() {
        source.add("1", person("Ada", "Lovelace", "ada@example.com", "(415) 555-0100"))
                .add("2", person("Alan", "Turing", "alan@example.com", ""))
                .add(
                        "3",
                        Map.of(
                                "Full Name",
                                "Grace Brewster Hopper",
                                "Company",
                                "Navy",
                                "Lead Status",
                                "Working - Contacted",
                                "Lead Source",
                                "Trade Show"));

        List<SyncRun> progress = new ArrayList<>();
        SyncRun run = engine(source).run(SyncRequest.of("crm", Map.of()), progress::add);

        assertThat(run.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(run.counts()).isEqualTo(new SyncCounts(3, 3, 0, 0, 0, 0));
        assertThat(run.finishedAt()).isNotNull();
        assertThat(progress).extracting(r -> r.counts().read()).containsExactly(2L, 3L);
        assertThat(allLeads()).extracting(l -> l.fields().phone()).contains("+14155550100");
        Lead grace = allLeads().stream()
                .filter(l -> "Navy".equals(l.fields().company()))
                .findFirst()
                .orElseThrow();
        assertThat(grace.fields().givenName()).isEqualTo("Grace");
        assertThat(grace.fields().familyName()).isEqualTo("Brewster Hopper");
        assertThat(grace.fields().status()).isEqualTo(LeadStatus.CONTACTED);
        assertThat(grace.fields().source()).isEqualTo(LeadSource.TRADE_SHOW);
        assertThat(engine(source).getRun(run.id())).isEqualTo(run);
        assertThat(observed).as("observers hear every written lead").hasSize(3);
    }

    @Test
    void statisticsAreRefreshedEachTimeARunDoublesWhatItWroteAndAtTheEndOfABulkImport() {
        ListConnector big = new ListConnector("big", 500);
        for (int i = 0; i < 2_500; i++) {
            big.add("id-" + i, person("Given" + i, "Family" + i, "p" + i + "@example.com", ""));
        }
        JooqPersonMatchStore store = new JooqPersonMatchStore(database.dsl());
        List<Long> refreshedAt = new ArrayList<>();
        List<SyncRun> progress = new ArrayList<>();
        PersonMatchStore counting = new PersonMatchStore() {
            @Override
            public Map<String, PersonRef> linked(String connector, Collection<String> ids) {
                return store.linked(connector, ids);
            }

            @Override
            public void link(String connector, Map<String, PersonRef> ids) {
                store.link(connector, ids);
            }

            @Override
            public void claim(List<Long> keyClaims) {
                store.claim(keyClaims);
            }

            @Override
            public List<Lead> leadsWithIds(Collection<LeadId> ids) {
                return store.leadsWithIds(ids);
            }

            @Override
            public List<Lead> leadsWithEmailKeys(Collection<String> keys) {
                return store.leadsWithEmailKeys(keys);
            }

            @Override
            public List<Lead> leadsWithPhones(Collection<String> phones) {
                return store.leadsWithPhones(phones);
            }

            @Override
            public List<Lead> leadsWithNameKeys(Collection<String> keys) {
                return store.leadsWithNameKeys(keys);
            }

            @Override
            public List<Contact> contactsWithIds(Collection<ContactId> ids) {
                return store.contactsWithIds(ids);
            }

            @Override
            public List<Contact> contactsMatching(
                    Collection<String> emailKeys, Collection<String> phones, Collection<String> nameKeys) {
                return store.contactsMatching(emailKeys, phones, nameKeys);
            }

            @Override
            public <T> T lookingUp(java.util.function.Supplier<T> lookups) {
                return store.lookingUp(lookups);
            }

            @Override
            public void tablesGrew() {
                store.tablesGrew(); // on PostgreSQL: runs ANALYZE, which must work inside the engine's transaction
                refreshedAt.add(progress.get(progress.size() - 1).counts().created());
            }
        };
        SyncEngine engine = SyncFixtures.core(database, clock, big)
                .stores(stores -> stores.withMatches(counting))
                .build()
                .sync();

        SyncRun run = engine.run(SyncRequest.of("big", Map.of()), progress::add);

        assertThat(run.counts().created()).isEqualTo(2_500);
        assertThat(refreshedAt)
                .as("as the written rows double, and at the end for the last 500 or more")
                .containsExactly(1_000L, 2_000L, 2_500L);
        SyncRun again = engine.run(SyncRequest.of("big", Map.of()), SyncListener.NONE);
        assertThat(again.counts().unchanged()).isEqualTo(2_500);
        assertThat(refreshedAt).as("a run that writes nothing grows nothing").hasSize(3);
    }

    @Test
    void syncingTheSameSourceTwiceCreatesNothingTheSecondTime() {
        source.add("1", person("Ada", "Lovelace", "ada@example.com", "4155550100"))
                .add(null, person("Alan", "Turing", "alan@example.com", ""))
                .add(null, person("Grace", "Hopper", "", "+1 415 555 0199"));
        sync(source);

        SyncRun second = sync(source);

        assertThat(second.counts()).isEqualTo(new SyncCounts(3, 0, 0, 3, 0, 0));
        assertThat(allLeads()).hasSize(3);
        assertThat(observed).as("nothing was written the second time").hasSize(3);
    }

    @Test
    void matchesOnExternalIdThenEmailThenPhoneThenNameAndCompany() {
        sync(source.add("crm-1", person("Ada", "Lovelace", "ada@example.com", "")));
        Lead byHand = leads.create(
                LeadFields.builder()
                        .givenName("Alan")
                        .familyName("Turing")
                        .company("Bletchley")
                        .phone("415-555-0142")
                        .tags(List.of())
                        .build(),
                null);
        Lead byName = leads.create(
                LeadFields.builder()
                        .givenName("Grace")
                        .familyName("Hopper")
                        .company("Navy")
                        .tags(List.of())
                        .build(),
                null);

        ListConnector later = new ListConnector("crm", 10)
                // the CRM id wins even though every other field changed
                .add("crm-1", person("Augusta Ada", "King", "countess@example.com", ""))
                .add(null, person("", "", "COUNTESS@example.com ", "415 555 0100"))
                .add(null, person("A.", "Turing", "", "+1 (415) 555-0142"))
                .add(null, Map.of("First Name", "GRACE", "Last Name", "hopper", "Company", "navy", "Title", "Admiral"));
        SyncRun run = sync(later);

        assertThat(run.counts()).isEqualTo(new SyncCounts(4, 0, 3, 0, 1, 0));
        assertThat(allLeads()).hasSize(3);
        Lead ada = allLeads().stream()
                .filter(l -> "King".equals(l.fields().familyName()))
                .findFirst()
                .orElseThrow();
        assertThat(ada.fields().email())
                .as("a value differing only in case keeps the stored spelling")
                .isEqualTo("countess@example.com");
        assertThat(ada.fields().phone()).isEqualTo("+14155550100");
        assertThat(leads.get(byHand.id()).fields().givenName()).isEqualTo("A.");
        assertThat(leads.get(byName.id()).fields().title()).isEqualTo("Admiral");
    }

    @Test
    void aRecordOfAContactMergedAwayUpdatesTheContactItWasMergedInto() {
        HearthCore core = SyncFixtures.core(database, clock, source).build();
        Hearth hearth = Hearth.of(core);
        Contact kept = hearth.contacts()
                .create(ContactFields.builder()
                        .givenName("Ada")
                        .email("ada@example.com")
                        .kind(ContactKind.ACTIVE_CLIENT)
                        .build());
        Contact twin = hearth.contacts()
                .create(
                        ContactFields.builder()
                                .givenName("Ada")
                                .email("countess@example.com")
                                .kind(ContactKind.ACTIVE_CLIENT)
                                .build(),
                        null,
                        true);
        core.contactMerges().merge(kept.id(), null, twin.id(), null);

        // only the merged-away contact still holds this email: the record is the survivor's
        SyncRun run = core.sync()
                .run(
                        SyncRequest.of(
                                source.add("crm-9", Map.of("Email", "countess@example.com", "Title", "CTO"))
                                        .name(),
                                Map.of()),
                        SyncListener.NONE);

        assertThat(run.counts()).isEqualTo(new SyncCounts(1, 0, 1, 0, 0, 0));
        assertThat(allLeads()).isEmpty();
        assertThat(hearth.contacts().get(kept.id()).fields().title()).isEqualTo("CTO");
        assertThat(hearth.contacts().get(twin.id()).fields().title()).isNull();
    }

    @Test
    void aRecordOfAContactUpdatesTheContactAndMakesNoLead() {
        Hearth hearth = Hearth.on(database, clock, CadencePolicy.DEFAULT);
        Contact client = hearth.contacts()
                .create(ContactFields.builder()
                        .givenName("Ada")
                        .familyName("Lovelace")
                        .email("ada@example.com")
                        .kind(ContactKind.ACTIVE_CLIENT)
                        .tags(List.of("vip"))
                        .build());

        SyncRun run = sync(source.add(
                "crm-7", Map.of("Email", "ADA@example.com", "Title", "CTO", "Phone", "415 555 0100", "Tags", "board")));

        assertThat(run.counts()).isEqualTo(new SyncCounts(1, 0, 1, 0, 0, 0));
        assertThat(allLeads()).as("a client is never re-made as a cold lead").isEmpty();
        Contact updated = hearth.contacts().get(client.id());
        assertThat(updated.fields().title()).isEqualTo("CTO");
        assertThat(updated.fields().phone()).isEqualTo("+14155550100");
        assertThat(updated.fields().kind()).isEqualTo(ContactKind.ACTIVE_CLIENT);
        assertThat(updated.fields().tags()).containsExactlyInAnyOrder("vip", "board");
        assertThat(updated.version()).isEqualTo(client.version() + 1);
        assertThat(contactsWritten)
                .as("the work queue hears the contact write")
                .singleElement()
                .satisfies(c -> assertThat(c.version()).isEqualTo(updated.version()))
                .satisfies(c -> assertThat(c.fields().title()).isEqualTo("CTO"));

        // the link made above finds the contact again after every matching field changed
        SyncRun again = sync(
                new ListConnector("crm", 10).add("crm-7", person("Augusta Ada", "King", "countess@example.com", "")));
        assertThat(again.counts()).isEqualTo(new SyncCounts(1, 0, 1, 0, 0, 0));
        assertThat(allLeads()).isEmpty();
        assertThat(hearth.contacts().get(client.id()).fields().email()).isEqualTo("countess@example.com");
        assertThat(sync(new ListConnector("crm", 10)
                                .add("crm-7", person("Augusta Ada", "King", "countess@example.com", "")))
                        .counts()
                        .unchanged())
                .isEqualTo(1);
    }

    @Test
    void aLeadConvertedSinceTheLastSyncIsUpdatedAsItsContact() {
        Hearth hearth = Hearth.on(database, clock, CadencePolicy.DEFAULT);
        sync(source.add("crm-1", person("Ada", "Lovelace", "ada@example.com", "")));
        Lead lead = allLeads().get(0);
        Contact prospect = hearth.conversion().convert(lead.id(), null).contact();

        ListConnector later = new ListConnector("crm", 10)
                .add("crm-1", Map.of("Email", "ada@example.com", "Title", "CTO"))
                // no CRM id: found by the lead's email, which the contact has since changed
                .add(null, Map.of("Email", "ada@example.com", "Phone", "415 555 0100"));
        hearth.contacts()
                .update(
                        prospect.id(),
                        ContactFields.builder().email("ada@engines.example").build(),
                        java.util.Set.of(io.hearth.core.person.PersonField.EMAIL),
                        null);
        SyncRun run = sync(later);

        assertThat(run.counts()).isEqualTo(new SyncCounts(2, 0, 1, 0, 1, 0));
        assertThat(allLeads()).as("no second lead").hasSize(1);
        assertThat(leads.get(lead.id()).fields().title())
                .as("the converted lead is history")
                .isNull();
        Contact contact = hearth.contacts().get(prospect.id());
        assertThat(contact.fields().title()).isEqualTo("CTO");
        assertThat(contact.fields().phone()).isEqualTo("+14155550100");
        assertThat(contact.fields().email())
                .as("an empty-or-older value never overwrites")
                .isEqualTo("ada@example.com");
        assertThat(contact.fields().kind()).isEqualTo(ContactKind.PROSPECT);
    }

    @Test
    void whereAContactAndALeadShareAKeyTheContactGetsTheRecord() {
        Hearth hearth = Hearth.on(database, clock, CadencePolicy.DEFAULT);
        Lead duplicate = leads.create(
                LeadFields.builder()
                        .givenName("Ada")
                        .familyName("Lovelace")
                        .phone("415 555 0100")
                        .tags(List.of())
                        .build(),
                null);
        // a store that already holds one person twice, as one from before the duplicate check may
        Contact client = hearth.contacts()
                .create(
                        ContactFields.builder()
                                .givenName("Ada")
                                .familyName("Lovelace")
                                .phone("415 555 0100")
                                .kind(ContactKind.ACTIVE_CLIENT)
                                .build(),
                        null,
                        true);

        sync(source.add(null, Map.of("Phone", "+1 415 555 0100", "Title", "CTO")));

        assertThat(hearth.contacts().get(client.id()).fields().title()).isEqualTo("CTO");
        assertThat(leads.get(duplicate.id()).fields().title()).isNull();
    }

    @Test
    void emptyValuesNeverOverwriteAndOlderValuesLose() {
        Lead existing = leads.create(
                LeadFields.builder()
                        .givenName("Ada")
                        .familyName("Lovelace")
                        .email("ada@example.com")
                        .company("Analytical Engines")
                        .title("CTO")
                        .tags(List.of())
                        .build(),
                null);
        Instant before = existing.updatedAt().minusSeconds(3600);
        source.add(new SourceRecord(
                        null,
                        before,
                        Map.of("Email", "ada@example.com", "Title", "Intern", "Phone", "4155550100"),
                        "row 1"))
                .add(new SourceRecord(
                        null, null, Map.of("Email", "ada@example.com", "Company", "", "Job Title", "CEO"), "row 2"));

        sync(source);

        LeadFields fields = leads.get(existing.id()).fields();
        assertThat(fields.title()).isEqualTo("CEO");
        assertThat(fields.company()).isEqualTo("Analytical Engines");
        assertThat(fields.phone())
                .as("an older record still fills an empty field")
                .isEqualTo("+14155550100");
    }

    @Test
    void repeatedRowsMergeWithinAndAcrossBatches() {
        source.add(null, person("Ada", "Lovelace", "ada@example.com", ""))
                .add(null, person("Ada", "Lovelace", "ada@example.com", "4155550100"))
                .add(null, person("", "", "ADA@EXAMPLE.COM", ""))
                .add(null, Map.of("Email", "ada@example.com", "Title", "CTO"));

        SyncRun run = sync(source);

        assertThat(run.counts()).isEqualTo(new SyncCounts(4, 1, 0, 0, 3, 0));
        assertThat(allLeads()).singleElement().satisfies(l -> {
            assertThat(l.fields().phone()).isEqualTo("+14155550100");
            assertThat(l.fields().title()).isEqualTo("CTO");
        });
    }

    @Test
    void deletionsAndMergesASourceReportsArchiveThePeopleWithTheReason() {
        source.add("crm-1", person("Ada", "Lovelace", "ada@example.com", ""))
                .add("crm-2", person("Alan", "Turing", "alan@example.com", ""));
        assertThat(sync(source).counts().created()).isEqualTo(2);
        ListConnector changes = new ListConnector("crm", 10)
                .add(SourceRecord.deleted("crm-1", null, "record crm-1"))
                .add(SourceRecord.merged("crm-2", "crm-9", null, "record crm-2"))
                .add(SourceRecord.deleted("crm-7", null, "record crm-7"));

        SyncRun run = sync(changes);

        assertThat(run.counts()).isEqualTo(new SyncCounts(3, 0, 0, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0));
        assertThat(allLeads())
                .hasSize(2)
                .allSatisfy(lead -> assertThat(lead.archived()).isTrue())
                .extracting(Lead::archiveReason)
                .containsExactlyInAnyOrder("deleted in crm (record crm-1)", "merged in crm into crm-9");
    }

    @Test
    void aRecordDeletedAndMergedInOneReadEndsMergedIntoTheSurvivor() {
        source.add("crm-1", person("Ada", "Lovelace", "ada@example.com", ""))
                .add("crm-2", person("Alan", "Turing", "alan@example.com", ""));
        sync(source);
        // HubSpot lists a merged contact in its recycle bin too, and reads the bin first
        ListConnector changes = new ListConnector("crm", 10)
                .add(SourceRecord.deleted("crm-1", null, "record crm-1"))
                .add(SourceRecord.merged("crm-1", "crm-2", null, "record crm-1"));

        SyncRun run = sync(changes);

        assertThat(run.counts().archived()).isEqualTo(2);
        Lead ada = allLeads().stream()
                .filter(lead -> "Ada".equals(lead.fields().givenName()))
                .findFirst()
                .orElseThrow();
        Lead alan = allLeads().stream()
                .filter(lead -> "Alan".equals(lead.fields().givenName()))
                .findFirst()
                .orElseThrow();
        assertThat(ada.mergedInto()).isEqualTo(alan.id().name());
        assertThat(ada.archiveReason()).isEqualTo("merged in crm into crm-2");
        assertThat(alan.archived()).isFalse();
    }

    @Test
    void aConversionOfARecordTheSourceAlsoDeletedLeavesThePersonArchived() {
        source.add("crm-1", person("Ada", "Lovelace", "ada@example.com", ""));
        sync(source);
        ListConnector changes = new ListConnector("crm", 10)
                .add(SourceRecord.deleted("crm-1", null, "record crm-1"))
                .add(new SourceRecord(
                        "crm-1",
                        null,
                        Map.of(StandardFields.STAGE, StandardFields.STAGE_CONTACT),
                        "record crm-1",
                        SourceRecord.Change.MERGED,
                        "crm-k1"));

        SyncRun run = sync(changes);

        assertThat(run.state()).as(run.toString()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(run.counts().archived()).isEqualTo(1);
        assertThat(run.counts().unchanged()).isEqualTo(1);
        assertThat(allLeads()).singleElement().satisfies(lead -> {
            assertThat(lead.archiveReason()).isEqualTo("deleted in crm (record crm-1)");
            assertThat(lead.fields().status()).isNotEqualTo(LeadStatus.CONVERTED);
        });
    }

    @Test
    void badRecordsAreRejectedWithPositionAndReasonWhileGoodOnesAreStored() {
        source.unreadable(new RejectedRecord("row 2", "row 2 has 7 fields, the header 4", "a,b,c,d,e,f,g"))
                .add(null, person("Ada", "Lovelace", "not-an-email", ""))
                .add(null, person("", "", "", ""))
                .add(null, person("Alan", "Turing", "alan@example.com", "12"));

        SyncRun run = sync(source);

        assertThat(run.counts()).isEqualTo(new SyncCounts(4, 0, 0, 0, 0, 4));
        source = new ListConnector("crm", 2).add(null, person("Grace", "Hopper", "", ""));
        assertThat(sync(source).counts().created()).isEqualTo(1);
        Page<Rejection> firstPage = engine(source).rejections(run.id(), 3, "");
        List<Rejection> rejections = new ArrayList<>(firstPage.items());
        rejections.addAll(engine(source)
                .rejections(run.id(), 3, firstPage.nextPageToken().orElseThrow())
                .items());
        assertThat(rejections).extracting(Rejection::position).containsExactly("row 2", "row 1", "row 2", "row 3");
        assertThat(rejections.get(0).raw()).isEqualTo("a,b,c,d,e,f,g");
        assertThat(rejections.get(1).reason()).contains("email").contains("not-an-email");
        assertThat(rejections.get(2).reason()).contains("a lead needs a name, an email or a phone number");
        assertThat(rejections.get(3).reason()).contains("phone");
    }

    @Test
    void aRunThatDiesResumesAfterItsLastStoredBatchSoEveryRecordIsStoredOnce() {
        for (int i = 1; i <= 9; i++) {
            source.add("id-" + i, person("P" + i, "Person", "p" + i + "@example.com", ""));
        }
        source.failBefore(6, () -> new IllegalStateException("power cut"));

        assertThatThrownBy(() -> sync(source)).hasMessage("power cut");
        assertThat(allLeads()).hasSize(6);
        SyncRun resumed = sync(source);

        assertThat(resumed.startCursor()).isEqualTo("6");
        assertThat(resumed.counts()).isEqualTo(new SyncCounts(3, 3, 0, 0, 0, 0));
        assertThat(allLeads()).hasSize(9);
        assertThat(engine(source).listRuns(10, "").items())
                .extracting(SyncRun::state)
                .containsExactly(SyncState.SUCCEEDED, SyncState.FAILED);
        assertThat(sync(source).counts())
                .as("a finished file sync starts over and finds nothing new")
                .isEqualTo(new SyncCounts(9, 0, 0, 9, 0, 0));
    }

    @Test
    void retriableErrorsBackOffAndContinueFromTheLastStoredBatch() {
        for (int i = 1; i <= 5; i++) {
            source.add("id-" + i, person("P" + i, "Person", "", ""));
        }
        source.failBefore(2, () -> new RetriableConnectorException("HTTP 429"))
                .failBefore(4, () -> new RetriableConnectorException("timeout"));

        SyncRun run = sync(source);

        assertThat(run.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(run.counts().created()).isEqualTo(5);
        assertThat(source.opens).isEqualTo(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(10), Duration.ofMillis(10));
    }

    @Test
    void fatalErrorsAndExhaustedRetriesFailTheRunWithTheirMessage() {
        source.add("1", person("Ada", "Lovelace", "", ""))
                .add("2", person("Alan", "Turing", "", ""))
                .add("3", person("Grace", "Hopper", "", ""))
                .failBefore(2, () -> new FatalConnectorException("401 Unauthorized: check the API token"));

        SyncRun run = sync(source);

        assertThat(run.state()).isEqualTo(SyncState.FAILED);
        assertThat(run.error()).isEqualTo("401 Unauthorized: check the API token");
        assertThat(run.counts().created()).isEqualTo(2);

        ListConnector alwaysFailing = new ListConnector("down", 2) {
            @Override
            public io.hearth.connector.spi.RecordReader openReader(Map<String, String> config, String cursor) {
                throw new RetriableConnectorException("connection refused");
            }
        };
        SyncRun exhausted = engine(alwaysFailing).run(SyncRequest.of("down", Map.of()), SyncListener.NONE);
        assertThat(exhausted.state()).isEqualTo(SyncState.FAILED);
        assertThat(exhausted.error()).isEqualTo("down kept failing after 3 attempts: connection refused");
    }

    @Test
    void dryRunCountsButStoresNothing() {
        source.add("1", person("Ada", "Lovelace", "ada@example.com", "")).add("2", person("", "", "bad", ""));

        SyncRun run =
                engine(source).run(new SyncRequest("crm", Map.of(), Map.of(), null, true, false), SyncListener.NONE);

        assertThat(run.dryRun()).isTrue();
        assertThat(run.counts()).isEqualTo(new SyncCounts(2, 1, 0, 0, 0, 1));
        assertThat(allLeads()).isEmpty();
        assertThat(sync(source).counts().created()).as("no cursor was kept").isEqualTo(1);
    }

    @Test
    void explicitMappingWinsAndBadMappingsOrConfigsAreRefusedBeforeARun() {
        source.add(null, Map.of("Cell", "4155550100", "Phone", "4155550111", "Who", "Ada"));
        SyncEngine engine = engine(source);

        engine.run(
                new SyncRequest("crm", Map.of(), Map.of("Cell", "phone", "Who", "given_name"), null, false, false),
                SyncListener.NONE);

        assertThat(allLeads()).singleElement().satisfies(l -> {
            assertThat(l.fields().phone()).isEqualTo("+14155550100");
            assertThat(l.fields().givenName()).isEqualTo("Ada");
        });
        assertThatThrownBy(() -> engine.run(
                        new SyncRequest("crm", Map.of(), Map.of("Cell", "mobile"), null, false, false),
                        SyncListener.NONE))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("mapping");
        assertThatThrownBy(() -> engine.run(SyncRequest.of("crm", Map.of("labl", "x")), SyncListener.NONE))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("config.labl");
        assertThat(engine.listRuns(10, "").items()).hasSize(1);
    }

    @Test
    void runsListNewestFirstInPagesAndHideSecrets() {
        SyncEngine engine = engine(source);
        for (int i = 0; i < 3; i++) {
            engine.run(SyncRequest.of("crm", Map.of("label", "n" + i, "token", "s3cr3t")), SyncListener.NONE);
        }

        Page<SyncRun> first = engine.listRuns(2, "");
        Page<SyncRun> second = engine.listRuns(2, first.nextPageToken().orElseThrow());

        assertThat(first.items())
                .extracting(SyncRun::sourceLabel)
                .containsExactly("label=n2, token=***", "label=n1, token=***");
        assertThat(second.items()).extracting(SyncRun::sourceLabel).containsExactly("label=n0, token=***");
        assertThat(second.nextPageToken()).isEmpty();
    }
}
