package io.hearth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.csv.CsvConnector;
import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.RetriableConnectorException;
import io.hearth.connector.spi.SourceRecord;
import io.hearth.connector.spi.StandardFields;
import io.hearth.connector.xlsx.XlsxConnector;
import io.hearth.core.HearthCore;
import io.hearth.core.app.Opportunities;
import io.hearth.core.contact.Contact;
import io.hearth.core.contact.ContactFields;
import io.hearth.core.contact.ContactKind;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadStatus;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.opportunity.Opportunity;
import io.hearth.core.opportunity.OpportunityFields;
import io.hearth.core.opportunity.Outcome;
import io.hearth.core.opportunity.StageVisit;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.core.person.ContactId;
import io.hearth.core.person.LeadId;
import io.hearth.core.person.LeadSource;
import io.hearth.core.resource.Money;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deals out of Hearth and back in, and deals read from a CRM, through the one composition root, run
 * against each database by a subclass: an export imports back as no change, a deal file imported
 * twice opens each deal once, a changed row updates and moves its deal, an unknown stage is a
 * rejected record naming it, a deal finds its contact by the person's id in the same source, and a
 * read that stops part-way resumes at the deal cursor, storing each deal once.
 */
public abstract class DealsSyncContract {
    private static final LocalDate MARCH = LocalDate.parse("2027-03-31");

    private final TickingClock clock = new TickingClock(Instant.parse("2026-12-06T09:00:00Z"), Duration.ofMillis(1));
    private final List<Duration> pauses = new ArrayList<>();
    private TestDatabase testDatabase;
    private HearthCore core;
    private Opportunities opportunities;
    private final DealListConnector crm = new DealListConnector("crm", 2);

    @TempDir
    Path dir;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        core = SyncFixtures.core(testDatabase.database(), clock, new CsvConnector(), new XlsxConnector(), crm)
                .syncSettings(new SyncSettings(new ImportFolder(dir), SyncSettings.DEFAULT_LEASE))
                .retry(new RetryPolicy(3, Duration.ofMillis(1), pauses::add))
                .build();
        opportunities = core.opportunities();
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void anExportOfDealsImportsBackAsNoChangeInCsvAndXlsx() throws Exception {
        Contact ada = contact("Ada", "ada@example.com");
        Opportunity open = opportunities.create(ada.id().name(), deal("200 seats", "25000.50"), "proposal", null);
        Opportunity won = opportunities.create(ada.id().name(), deal("Pilot", "1000"), "", null);
        won = opportunities.close(won.id(), Outcome.WON, null, won.etag());
        Opportunity lost = opportunities.create(ada.id().name(), deal("Renewal", "0"), "", null);
        lost = opportunities.close(lost.id(), Outcome.LOST, "went with a competitor", lost.etag());
        List<Opportunity> before = allDeals();

        for (String file : List.of("deals.csv", "deals.xlsx")) {
            String connector = file.endsWith("csv") ? "csv" : "xlsx";
            var exported = core.exporter()
                    .exportOpportunities(
                            connector, Map.of("path", dir.resolve(file).toString()), "");
            assertThat(exported.written()).isEqualTo(3);

            SyncRun run = core.sync()
                    .run(SyncRequest.of(connector, Map.of("path", file, "records", "deals")), SyncListener.NONE);

            assertThat(run.state()).isEqualTo(SyncState.SUCCEEDED);
            assertThat(run.counts().read()).isEqualTo(3);
            assertThat(run.counts().unchanged()).as(file).isEqualTo(3);
            assertThat(run.counts().created()
                            + run.counts().updated()
                            + run.counts().rejected())
                    .isZero();
            assertThat(allDeals()).as(file).isEqualTo(before);
        }
        String csv = Files.readString(dir.resolve("deals.csv"));
        assertThat(csv)
                .contains(
                        "Deal ID,Deal Name,Contact,Contact Email,Stage,Amount,Currency,Close Date,Owner,Outcome,Reason,"
                                + "Lead Source")
                .contains(open.id().name() + ",200 seats," + ada.id().name() + ",ada@example.com,proposal,25000.5,EUR,"
                        + "2027-03-31,alice,open,,REFERRAL")
                .contains(lost.id().name() + ",Renewal," + ada.id().name()
                        + ",ada@example.com,closed_lost,0,EUR,2027-03-31,alice,lost,went with a competitor,REFERRAL");
    }

    @Test
    void aDealFileImportedTwiceOpensEachDealOnceAndAChangedRowMovesItsDeal() throws Exception {
        Contact ada = contact("Ada", "ada@example.com");
        Files.writeString(dir.resolve("opps.csv"), """
                Opportunity ID,Opportunity Name,Contact Email,Amount,Currency,Stage,Close Date,Lost Reason
                006A,200 seats,ada@example.com,"12,500.00",USD,Prospecting,2027-03-31,
                006B,Pilot,ADA@example.com,900,USD,Closed Lost,2027-01-15,Too expensive
                006C,Mystery,ada@example.com,5,USD,Stalled forever,2027-01-15,
                006D,Nobody's,nobody@example.com,5,USD,Prospecting,2027-01-15,
                """);
        Map<String, String> config = Map.of("path", "opps.csv", "records", "deals");

        SyncRun first = core.sync().run(SyncRequest.of("csv", config), SyncListener.NONE);
        SyncRun second = core.sync().run(SyncRequest.of("csv", config), SyncListener.NONE);

        assertThat(first.counts().created()).isEqualTo(2);
        assertThat(first.counts().rejected()).isEqualTo(2);
        assertThat(core.sync().rejections(first.id(), 10, "").items())
                .extracting(Rejection::position, Rejection::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "row 4",
                                "stage 'Stalled forever' is not a stage Hearth knows; map it in the connection or"
                                        + " import settings with stage.Stalled forever=<one of [qualification,"
                                        + " needs_analysis, proposal, negotiation, closed_won, closed_lost]>"),
                        org.assertj.core.groups.Tuple.tuple(
                                "row 5", "no contact or lead in Hearth has the e-mail 'nobody@example.com'"));
        assertThat(second.counts().unchanged()).isEqualTo(2);
        assertThat(second.counts().created()).isZero();
        List<Opportunity> deals = allDeals();
        assertThat(deals).hasSize(2);
        Opportunity seats = deals.stream()
                .filter(d -> d.fields().title().equals("200 seats"))
                .findFirst()
                .orElseThrow();
        assertThat(seats.contact()).isEqualTo(ada.id());
        assertThat(seats.stage()).isEqualTo("qualification");
        assertThat(seats.fields().amount()).isEqualTo(Money.of("USD", 12500, 0, "amount"));
        assertThat(seats.fields().owner()).isEqualTo("alice");
        Opportunity pilot = deals.stream()
                .filter(d -> d.fields().title().equals("Pilot"))
                .findFirst()
                .orElseThrow();
        assertThat(pilot.outcome()).isEqualTo(Outcome.LOST);
        assertThat(pilot.closeReason()).isEqualTo("Too expensive");
        // the import placed Ada's queue entry as any deal write does: her follow-up, then the open deal
        assertThat(core.stores().queue().find(ada.id().value()))
                .get()
                .satisfies(entry -> assertThat(entry.reasons())
                        .anySatisfy(reason -> assertThat(reason).startsWith("then deal \"200 seats\"")));

        // the CRM moved the deal on and a mapping names the stage it did not know
        Files.writeString(dir.resolve("opps.csv"), """
                Opportunity ID,Opportunity Name,Contact Email,Amount,Currency,Stage,Close Date
                006A,200 seats,ada@example.com,13000,USD,Negotiation/Review,2027-04-30
                006C,Mystery,ada@example.com,5,USD,Stalled forever,2027-01-15
                """);
        Map<String, String> mapped = new LinkedHashMap<>(config);
        mapped.put("stage.Stalled forever", "needs_analysis");
        SyncRun third = core.sync().run(SyncRequest.of("csv", mapped), SyncListener.NONE);

        assertThat(third.counts().updated()).isEqualTo(1);
        assertThat(third.counts().created()).isEqualTo(1);
        Opportunity moved = opportunities.get(seats.id());
        assertThat(moved.stage()).isEqualTo("negotiation");
        assertThat(moved.fields().expectedCloseDate()).isEqualTo(LocalDate.parse("2027-04-30"));
        assertThat(moved.history()).extracting(StageVisit::stage).containsExactly("qualification", "negotiation");
        assertThat(moved.version()).isEqualTo(seats.version() + 1);
        assertThat(allDeals()).hasSize(3);
    }

    @Test
    void crmDealsFindTheirContactsByThePersonsIdAndResumeAtTheDealCursor() {
        // the CRM's people c1 and c2 are contacts in Hearth already (matched by e-mail), l1 a new lead
        contact("Ada", "ada@example.com");
        contact("Grace", "grace@example.com");
        crm.people
                .add("c1", person("Ada", "ada@example.com", StandardFields.STAGE_CONTACT))
                .add("c2", person("Grace", "grace@example.com", StandardFields.STAGE_CONTACT))
                .add("l1", person("Alan", "alan@example.com", StandardFields.STAGE_LEAD));
        for (int i = 1; i <= 5; i++) {
            crm.deals.add("d" + i, crmDeal("Deal " + i, i % 2 == 0 ? "c2" : "c1", "qualification"));
        }
        crm.deals.add("d6", crmDeal("Alan's", "l1", "qualification"));
        crm.deals.failBefore(2, () -> new RetriableConnectorException("rate limited"));
        crm.deals.before(4, () -> {
            throw new IllegalStateException("the server died");
        });
        Map<String, String> config = Map.of("records", "people,deals");

        assertThatThrownBy(() -> core.sync().run(SyncRequest.of("crm", config), SyncListener.NONE))
                .isInstanceOf(IllegalStateException.class);
        assertThat(allDeals()).hasSize(4);
        SyncRun resumed = core.sync().run(SyncRequest.of("crm", config), SyncListener.NONE);

        assertThat(resumed.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(pauses).hasSize(1);
        assertThat(resumed.counts().created())
                .as("the people were read again (no change), then deals 5 and 6, which converts its lead")
                .isEqualTo(2);
        assertThat(resumed.counts().rejected()).isZero();
        List<Opportunity> deals = allDeals();
        assertThat(deals).hasSize(6).extracting(d -> d.fields().title()).doesNotHaveDuplicates();
        Contact grace = core.contacts().list("", false, 10, "").items().stream()
                .filter(c -> c.fields().givenName().equals("Grace"))
                .findFirst()
                .orElseThrow();
        assertThat(deals.stream().filter(d -> d.contact().equals(grace.id())))
                .extracting(d -> d.fields().title())
                .containsExactlyInAnyOrder("Deal 2", "Deal 4");

        // the CRM deleted a deal and won another
        crm.deals.add(SourceRecord.deleted("d1", null, "deal d1"));
        crm.deals.add("d2", won(crmDeal("Deal 2", "c2", "qualification")));
        SyncRun next = core.sync().run(SyncRequest.of("crm", config), SyncListener.NONE);
        assertThat(next.counts().archived()).isEqualTo(1);
        assertThat(allDeals()).hasSize(5);
        assertThat(allDeals().stream().filter(d -> d.fields().title().equals("Deal 2")))
                .singleElement()
                .satisfies(d -> assertThat(d.outcome()).isEqualTo(Outcome.WON));
    }

    @Test
    void aCrmDealOnALeadConvertsItInTheDealsTransactionOnceAndReadingItAgainChangesNothing() {
        crm.people
                .add("l1", lead("Alan", "alan@example.com", "Webinar"))
                .add("l2", lead("Grace", "grace@example.com", "Referral"));
        crm.deals
                .add("d1", crmDeal("Alan's", "l1", "proposal"))
                .add("d2", withSource(crmDeal("Grace's", "l2", "qualification"), "Trade show"))
                .add("d3", crmDeal("Alan's second", "l1", "qualification"));
        Map<String, String> config = Map.of("records", "people,deals");

        SyncRun first = core.sync().run(SyncRequest.of("crm", config), SyncListener.NONE);

        assertThat(first.counts().rejected()).isZero();
        LeadId alan = linkedLead("l1");
        LeadId grace = linkedLead("l2");
        assertThat(core.leads().get(alan).fields().status()).isEqualTo(LeadStatus.CONVERTED);
        Contact prospect = core.contacts().get(new ContactId(alan.value()));
        assertThat(prospect.fields().kind()).isEqualTo(ContactKind.PROSPECT);
        assertThat(prospect.convertedFrom()).isEqualTo(alan);
        assertThat(prospect.fields().source()).isEqualTo(LeadSource.WEBINAR);
        List<Opportunity> deals = allDeals();
        assertThat(deals)
                .extracting(
                        d -> d.fields().title(),
                        Opportunity::contact,
                        d -> d.source().lead(),
                        d -> d.source().leadSource())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Alan's", prospect.id(), alan, LeadSource.WEBINAR),
                        org.assertj.core.groups.Tuple.tuple("Alan's second", prospect.id(), alan, LeadSource.WEBINAR),
                        org.assertj.core.groups.Tuple.tuple(
                                "Grace's",
                                new ContactId(grace.value()),
                                grace,
                                // the deal's own source wins over the lead's
                                LeadSource.TRADE_SHOW));
        assertThat(core.contacts().get(new ContactId(grace.value())).fields().source())
                .isEqualTo(LeadSource.REFERRAL);
        assertThat(auditActions(alan.name())).containsOnlyOnce("convert");
        // the prospect's entry knows its deals: the same-day follow-up first, then the deal
        assertThat(core.stores().queue().find(prospect.id().value()))
                .get()
                .satisfies(entry -> assertThat(String.join("\n", entry.reasons()))
                        .contains("deal \"Alan's")
                        .contains("1 more open deal of theirs"));
        long leadVersion = core.leads().get(alan).version();
        long contactVersion = prospect.version();
        int contacts = core.contacts().list("", true, 100, "").items().size();
        int followUps = core.followUps().listDue("", null, 100, "").items().size();

        SyncRun second = core.sync().run(SyncRequest.of("crm", config), SyncListener.NONE);

        assertThat(second.counts().created()
                        + second.counts().updated()
                        + second.counts().rejected())
                .isZero();
        assertThat(allDeals()).isEqualTo(deals);
        assertThat(core.leads().get(alan).version()).isEqualTo(leadVersion);
        assertThat(core.contacts().get(prospect.id()).version()).isEqualTo(contactVersion);
        assertThat(core.contacts().list("", true, 100, "").items()).hasSize(contacts);
        assertThat(core.followUps().listDue("", null, 100, "").items()).hasSize(followUps);
        assertThat(auditActions(alan.name())).containsOnlyOnce("convert");
    }

    @Test
    void closedDealsOnLeadsConvertThemTooSoWinRatesCountTheLosses() {
        crm.people
                .add("l1", lead("Won", "won@example.com", "Webinar"))
                .add("l2", lead("Lost", "lost@example.com", "Webinar"));
        crm.deals.add("d1", won(crmDeal("Won deal", "l1", "proposal")));
        Map<String, String> lost = new LinkedHashMap<>(crmDeal("Lost deal", "l2", "proposal"));
        lost.put(DealFields.OUTCOME, "lost");
        lost.put(DealFields.REASON, "no budget");
        crm.deals.add("d2", lost);

        SyncRun run = core.sync().run(SyncRequest.of("crm", Map.of("records", "people,deals")), SyncListener.NONE);

        assertThat(run.counts().rejected()).isZero();
        for (String person : List.of("l1", "l2")) {
            assertThat(core.leads().get(linkedLead(person)).fields().status()).isEqualTo(LeadStatus.CONVERTED);
        }
        assertThat(allDeals())
                .extracting(
                        d -> d.fields().title(),
                        Opportunity::outcome,
                        d -> d.contact().value())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "Won deal", Outcome.WON, linkedLead("l1").value()),
                        org.assertj.core.groups.Tuple.tuple(
                                "Lost deal", Outcome.LOST, linkedLead("l2").value()));
    }

    @Test
    void twoDealsOfOneLeadInOneBatchConvertItOnceAndBothGoToItsProspect() {
        crm.people.add("l1", lead("Ada", "ada@example.com", "Webinar"));
        crm.deals.add("d1", crmDeal("Seats", "l1", "proposal"));
        crm.deals.add("d2", crmDeal("Training", "l1", "qualification"));

        SyncRun run = core.sync().run(SyncRequest.of("crm", Map.of("records", "people,deals")), SyncListener.NONE);

        assertThat(run.counts().rejected()).as(run.toString()).isZero();
        assertThat(core.leads().get(linkedLead("l1")).fields().status()).isEqualTo(LeadStatus.CONVERTED);
        assertThat(allDeals())
                .extracting(d -> d.fields().title(), d -> d.contact().value())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "Seats", linkedLead("l1").value()),
                        org.assertj.core.groups.Tuple.tuple(
                                "Training", linkedLead("l1").value()));
    }

    @Test
    void aDealTheRulesRefuseLeavesItsLeadALeadAndArchivedOrMergedLeadsAreNotConverted() {
        crm.people
                .add("l1", lead("Stage", "stage@example.com", "Webinar"))
                .add("l2", lead("Amount", "amount@example.com", "Webinar"))
                .add("l3", lead("Archived", "archived@example.com", "Webinar"))
                .add("l4", lead("Merged", "merged@example.com", "Webinar"))
                .add("l5", lead("Survivor", "survivor@example.com", "Webinar"));
        core.sync().run(SyncRequest.of("crm", Map.of("records", "people")), SyncListener.NONE);
        Lead archived = core.leads().archive(linkedLead("l3"), "");
        LeadId merged = linkedLead("l4");
        LeadId survivor = linkedLead("l5");
        core.merges().merge(survivor, "", merged, "");
        // the merge moved l4's link to the survivor; a link left on the merged lead is refused
        core.transactor()
                .run(() ->
                        core.stores().matches().link("crm", Map.of("l9", io.hearth.core.person.PersonRef.of(merged))));
        crm.deals
                .add("d1", crmDeal("Unknown stage", "l1", "Stalled forever"))
                .add("d2", withAmount(crmDeal("Bad amount", "l2", "proposal"), "lots"))
                .add("d3", crmDeal("Archived's", "l3", "proposal"))
                .add("d4", crmDeal("Merged's", "l9", "proposal"))
                .add("d5", crmDeal("Survivor's", "l4", "proposal"));
        Map<String, Long> versions = new LinkedHashMap<>();
        for (String person : List.of("l1", "l2", "l3")) {
            versions.put(person, core.leads().get(linkedLead(person)).version());
        }
        versions.put("l9", core.leads().get(merged).version());

        SyncRun run = core.sync().run(SyncRequest.of("crm", Map.of("records", "deals")), SyncListener.NONE);

        assertThat(run.counts().rejected()).isEqualTo(4);
        assertThat(run.counts().created()).isEqualTo(1);
        assertThat(core.sync().rejections(run.id(), 10, "").items())
                .extracting(Rejection::reason)
                .anySatisfy(reason -> assertThat(reason).contains("stage 'Stalled forever'"))
                .anySatisfy(reason -> assertThat(reason).contains("amount 'lots' is not a number"))
                .anySatisfy(reason ->
                        assertThat(reason).contains(archived.id().name() + ", an archived lead in Hearth; restore it"))
                .anySatisfy(reason ->
                        assertThat(reason).contains(merged.name() + ", a lead merged into " + survivor.name()));
        for (String person : List.of("l1", "l2", "l3", "l9")) {
            Lead lead = core.leads().get(person.equals("l9") ? merged : linkedLead(person));
            assertThat(lead.fields().status()).as(person).isNotEqualTo(LeadStatus.CONVERTED);
            assertThat(lead.version()).as(person).isEqualTo(versions.get(person));
        }
        assertThat(core.contacts().list("", true, 100, "").items())
                .singleElement()
                .satisfies(contact -> assertThat(contact.convertedFrom()).isEqualTo(survivor));
        assertThat(allDeals())
                .singleElement()
                .satisfies(deal -> assertThat(deal.fields().title()).isEqualTo("Survivor's"));
    }

    @Test
    void aDealFileNamingALeadsEmailConvertsIt() throws Exception {
        Lead ada = core.leads()
                .create(
                        io.hearth.core.lead.LeadFields.builder()
                                .givenName("Ada")
                                .email("ada@example.com")
                                .owner("alice")
                                .source(LeadSource.SEMINAR)
                                .build(),
                        null);
        Files.writeString(dir.resolve("deals.csv"), """
                Deal ID,Deal Name,Contact Email,Amount,Currency,Stage,Close Date
                D1,Pilot,ADA@example.com,900,USD,Proposal,2027-01-15
                """);

        SyncRun run = core.sync()
                .run(SyncRequest.of("csv", Map.of("path", "deals.csv", "records", "deals")), SyncListener.NONE);

        assertThat(run.counts().created()).isEqualTo(1);
        assertThat(core.leads().get(ada.id()).fields().status()).isEqualTo(LeadStatus.CONVERTED);
        assertThat(allDeals()).singleElement().satisfies(deal -> {
            assertThat(deal.contact().value()).isEqualTo(ada.id().value());
            assertThat(deal.fields().owner()).isEqualTo("alice");
            assertThat(deal.source())
                    .isEqualTo(new io.hearth.core.opportunity.OpportunitySource(ada.id(), LeadSource.SEMINAR));
        });
    }

    @Test
    void twoRunsReadingDealsOfOneLeadAtOnceConvertItOnce() throws Exception {
        DealListConnector other = new DealListConnector("other", 2);
        java.util.concurrent.CountDownLatch firstConverting = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch secondStarted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger conversions = new java.util.concurrent.atomic.AtomicInteger();
        HearthCore racing = SyncFixtures.core(testDatabase.database(), clock, crm, other)
                .leadWriteSteps(List.of((lead, grade) -> {
                    if (lead.fields().status() == LeadStatus.CONVERTED && conversions.incrementAndGet() == 1) {
                        // the first run holds its uncommitted conversion until the second is converting too
                        firstConverting.countDown();
                        try {
                            secondStarted.await(20, java.util.concurrent.TimeUnit.SECONDS);
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return lead;
                }))
                .build();
        crm.people.add("l1", lead("Alan", "alan@example.com", "Webinar"));
        other.people.add("p1", lead("Alan", "alan@example.com", "Webinar"));
        racing.sync().run(SyncRequest.of("crm", Map.of("records", "people")), SyncListener.NONE);
        racing.sync().run(SyncRequest.of("other", Map.of("records", "people")), SyncListener.NONE);
        LeadId alan = linkedLead("l1");
        assertThat(racing.transactor()
                        .inTransaction(() -> racing.stores().matches().linked("other", List.of("p1")))
                        .get("p1"))
                .isEqualTo(io.hearth.core.person.PersonRef.of(alan));
        crm.deals.add("d1", crmDeal("From the CRM", "l1", "proposal"));
        other.deals.add("e1", crmDeal("From the other", "p1", "proposal"));
        other.deals.before(0, secondStarted::countDown);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = threads.submit(() ->
                    racing.sync().run(SyncRequest.of("crm", Map.of("records", "deals")), SyncListener.NONE));
            assertThat(firstConverting.await(30, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            var second = threads.submit(() ->
                    racing.sync().run(SyncRequest.of("other", Map.of("records", "deals")), SyncListener.NONE));

            for (SyncRun run : List.of(
                    first.get(60, java.util.concurrent.TimeUnit.SECONDS),
                    second.get(60, java.util.concurrent.TimeUnit.SECONDS))) {
                assertThat(run.state()).isEqualTo(SyncState.SUCCEEDED);
                assertThat(run.counts().created()).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(conversions)
                .as("conversions attempted past the lead's version check")
                .hasValue(1);
        assertThat(auditActions(alan.name())).containsOnlyOnce("convert");
        assertThat(core.contacts().list("", true, 100, "").items())
                .singleElement()
                .satisfies(contact -> assertThat(contact.convertedFrom()).isEqualTo(alan));
        assertThat(allDeals())
                .hasSize(2)
                .allSatisfy(deal -> assertThat(deal.contact().value()).isEqualTo(alan.value()));
    }

    @Test
    void hearthsOwnDealKeysAreCheckedBeforeARunStarts() {
        assertThat(core.sync()
                        .validate("csv", Map.of("path", "deals.csv", "records", "deals", "stage.Won", "closed_won")))
                .isEmpty();
        assertThat(core.sync().validate("csv", Map.of("path", "deals.csv", "records", "invoices")))
                .extracting(io.hearth.connector.spi.ConfigProblem::key)
                .containsExactly("records");
        assertThatThrownBy(() ->
                        core.sync().run(SyncRequest.of("crm", Map.of("records", "invoices")), SyncListener.NONE))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("config.records: must be people, deals or people,deals");
        assertThatThrownBy(() -> core.sync()
                        .run(
                                SyncRequest.of("crm", Map.of("records", "deals", "stage.Won big", "champagne")),
                                SyncListener.NONE))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("config.stage.Won big: must be a Hearth stage");
    }

    private List<Opportunity> allDeals() {
        return opportunities.list("", null, null, false, "", 1000, "").items();
    }

    private Contact contact(String name, String email) {
        return core.contacts()
                .create(ContactFields.builder()
                        .givenName(name)
                        .email(email)
                        .kind(ContactKind.PROSPECT)
                        .owner("alice")
                        .source(LeadSource.REFERRAL)
                        .build());
    }

    private static OpportunityFields deal(String title, String amount) {
        java.math.BigDecimal value = new java.math.BigDecimal(amount);
        long units = value.longValue();
        int nanos = value.subtract(java.math.BigDecimal.valueOf(units))
                .movePointRight(9)
                .intValue();
        return new OpportunityFields(title, Money.of("EUR", units, nanos, "amount"), MARCH, null, null);
    }

    private static Map<String, String> person(String name, String email, String stage) {
        return Map.of(StandardFields.GIVEN_NAME, name, StandardFields.EMAIL, email, StandardFields.STAGE, stage);
    }

    private static Map<String, String> crmDeal(String title, String contactId, String stage) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(DealFields.TITLE, title);
        fields.put(DealFields.AMOUNT, "100");
        fields.put(DealFields.CURRENCY, "EUR");
        fields.put(DealFields.STAGE, stage);
        fields.put(DealFields.CLOSE_DATE, "2027-03-31T00:00:00Z");
        fields.put(DealFields.CONTACT_ID, contactId);
        return fields;
    }

    private static Map<String, String> lead(String name, String email, String source) {
        return Map.of(
                StandardFields.GIVEN_NAME,
                name,
                StandardFields.EMAIL,
                email,
                StandardFields.STAGE,
                StandardFields.STAGE_LEAD,
                StandardFields.SOURCE,
                source,
                StandardFields.OWNER,
                "alice");
    }

    private static Map<String, String> withSource(Map<String, String> fields, String source) {
        Map<String, String> copy = new LinkedHashMap<>(fields);
        copy.put(DealFields.LEAD_SOURCE, source);
        return copy;
    }

    private static Map<String, String> withAmount(Map<String, String> fields, String amount) {
        Map<String, String> copy = new LinkedHashMap<>(fields);
        copy.put(DealFields.AMOUNT, amount);
        return copy;
    }

    /** The lead the people sync linked the CRM's person {@code externalId} to. */
    private LeadId linkedLead(String externalId) {
        io.hearth.core.person.PersonRef person = core.transactor()
                .inTransaction(() -> core.stores().matches().linked("crm", List.of(externalId)))
                .get(externalId);
        assertThat(person).as(externalId).isNotNull();
        return person.leadId();
    }

    private List<String> auditActions(String resource) {
        return new io.hearth.core.persistence.JooqAuditStore(
                        testDatabase.database().dsl())
                        .list(new io.hearth.core.audit.AuditQuery(resource, null, 100, java.util.Optional.empty()))
                        .items()
                        .stream()
                        .map(io.hearth.core.audit.AuditEntry::action)
                        .toList();
    }

    private static Map<String, String> won(Map<String, String> fields) {
        Map<String, String> copy = new LinkedHashMap<>(fields);
        copy.put(DealFields.OUTCOME, "won");
        return copy;
    }
}
