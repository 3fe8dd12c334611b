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
import io.hearth.core.lead.TickingClock;
import io.hearth.core.opportunity.Opportunity;
import io.hearth.core.opportunity.OpportunityFields;
import io.hearth.core.opportunity.Outcome;
import io.hearth.core.opportunity.StageVisit;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
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
                                "row 5", "no contact in Hearth has the e-mail 'nobody@example.com'"));
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
                .as("the people were read again (no change), then deals 5 and 6")
                .isEqualTo(1);
        assertThat(resumed.counts().rejected()).isEqualTo(1);
        assertThat(core.sync().rejections(resumed.id(), 10, "").items())
                .singleElement()
                .extracting(Rejection::reason)
                .asString()
                .contains("is leads/")
                .contains("a lead in Hearth; a deal needs a contact: convert the lead");
        List<Opportunity> deals = allDeals();
        assertThat(deals).hasSize(5).extracting(d -> d.fields().title()).doesNotHaveDuplicates();
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
        assertThat(allDeals()).hasSize(4);
        assertThat(allDeals().stream().filter(d -> d.fields().title().equals("Deal 2")))
                .singleElement()
                .satisfies(d -> assertThat(d.outcome()).isEqualTo(Outcome.WON));
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

    private static Map<String, String> won(Map<String, String> fields) {
        Map<String, String> copy = new LinkedHashMap<>(fields);
        copy.put(DealFields.OUTCOME, "won");
        return copy;
    }
}
