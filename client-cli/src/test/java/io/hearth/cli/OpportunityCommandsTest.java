package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.type.Date;
import com.google.type.Money;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.hearth.proto.v1.ArchiveOpportunityRequest;
import io.hearth.proto.v1.CloseOpportunityRequest;
import io.hearth.proto.v1.Contact;
import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.ConvertLeadRequest;
import io.hearth.proto.v1.ConvertLeadResponse;
import io.hearth.proto.v1.CreateOpportunityRequest;
import io.hearth.proto.v1.DealStep;
import io.hearth.proto.v1.GetOpportunityRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.ListOpportunitiesRequest;
import io.hearth.proto.v1.ListOpportunitiesResponse;
import io.hearth.proto.v1.MoveOpportunityStageRequest;
import io.hearth.proto.v1.Opportunity;
import io.hearth.proto.v1.OpportunityOutcome;
import io.hearth.proto.v1.OpportunityServiceGrpc;
import io.hearth.proto.v1.RestoreOpportunityRequest;
import io.hearth.proto.v1.StageVisit;
import io.hearth.proto.v1.UpdateOpportunityRequest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code hearth opportunities ...} and {@code leads convert} with a deal, against a recording fake. */
class OpportunityCommandsTest {
    private static final Date MARCH =
            Date.newBuilder().setYear(2027).setMonth(3).setDay(31).build();
    private static final Timestamp ENTERED = Timestamp.newBuilder()
            .setSeconds(Instant.parse("2026-12-06T09:00:00Z").getEpochSecond())
            .build();
    private static final Opportunity PILOT = Opportunity.newBuilder()
            .setName("opportunities/o1")
            .setContact("contacts/c1")
            .setTitle("200 seats")
            .setStage("proposal")
            .setProbability(50)
            .setAmount(
                    Money.newBuilder().setCurrencyCode("EUR").setUnits(25_000).setNanos(500_000_000))
            .setExpectedCloseDate(MARCH)
            .setOwner("alice")
            .setOutcome(OpportunityOutcome.OPPORTUNITY_OUTCOME_OPEN)
            .addStageHistory(StageVisit.newBuilder().setStage("proposal").setEnterTime(ENTERED))
            .setEtag("\"2\"")
            .build();

    private final List<Message> requests = new CopyOnWriteArrayList<>();
    private final String serverName = InProcessServerBuilder.generateName();
    private Server server;

    @BeforeEach
    void start() throws Exception {
        server = InProcessServerBuilder.forName(serverName)
                .directExecutor()
                .addService(new Opportunities())
                .addService(new Contacts())
                .build()
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void createSendsTheDealAsTypedAndPrintsIt() {
        CliResult result = run(
                "opportunities",
                "create",
                "--contact",
                "c1",
                "--title",
                "200 seats",
                "--amount",
                "25_000.50",
                "--currency",
                "eur",
                "--close-date",
                "2027-03-31",
                "--stage",
                "proposal",
                "--next-step",
                "send the revised proposal",
                "--next-step-due",
                "2026-12-11T17:00:00Z",
                "--request-id",
                "r-1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(requests)
                .containsExactly(CreateOpportunityRequest.newBuilder()
                        .setOpportunity(Opportunity.newBuilder()
                                .setContact("contacts/c1")
                                .setTitle("200 seats")
                                .setAmount(PILOT.getAmount())
                                .setExpectedCloseDate(MARCH)
                                .setStage("proposal")
                                .setNextStep(DealStep.newBuilder()
                                        .setDescription("send the revised proposal")
                                        .setDueTime(Timestamp.newBuilder()
                                                .setSeconds(Instant.parse("2026-12-11T17:00:00Z")
                                                        .getEpochSecond()))))
                        .setRequestId("r-1")
                        .build());
        assertThat(result.out())
                .containsPattern("stage\\s+proposal \\(50%\\)")
                .containsPattern("amount\\s+25000.50 EUR")
                .containsPattern("expected close\\s+2027-03-31")
                .containsPattern("stage history\\s+proposal 2026-12-06T09:00:00Z to now");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "12.3456789012", "lots"})
    void aBadAmountIsAUsageErrorAndNothingIsSent(String amount) {
        CliResult result = run(
                "opportunities",
                "create",
                "--contact",
                "c1",
                "--title",
                "t",
                "--amount",
                amount,
                "--currency",
                "EUR",
                "--close-date",
                "2027-03-31");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--amount");
        assertThat(requests).isEmpty();
    }

    @Test
    void listTurnsOptionsIntoTheFilterOrderAndDates() {
        CliResult result = run(
                "opportunities",
                "list",
                "--owner",
                "alice",
                "--stage",
                "proposal",
                "--open",
                "--close-from",
                "2027-01-01",
                "--close-to",
                "2027-03-31",
                "--order-by",
                "amount desc",
                "--page-size",
                "10");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(requests)
                .containsExactly(ListOpportunitiesRequest.newBuilder()
                        .setFilter("owner = \"alice\" AND stage = \"proposal\" AND outcome = open")
                        .setOrderBy("amount desc")
                        .setPageSize(10)
                        .setExpectedCloseFrom(
                                Date.newBuilder().setYear(2027).setMonth(1).setDay(1))
                        .setExpectedCloseTo(MARCH)
                        .build());
        assertThat(result.out())
                .contains("opportunities/o1")
                .contains("25000.50 EUR")
                .contains("2027-03-31")
                .contains("more: --page-token next");
    }

    @Test
    void updateMasksExactlyTheGivenFields() {
        CliResult result = run(
                "opportunities",
                "update",
                "o1",
                "--amount",
                "30000",
                "--currency",
                "EUR",
                "--clear-next-step",
                "--etag",
                "\"2\"");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(requests)
                .containsExactly(UpdateOpportunityRequest.newBuilder()
                        .setOpportunity(Opportunity.newBuilder()
                                .setName("opportunities/o1")
                                .setEtag("\"2\"")
                                .setAmount(Money.newBuilder()
                                        .setCurrencyCode("EUR")
                                        .setUnits(30_000)))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("amount").addPaths("next_step"))
                        .build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--amount=5", "--next-step-due=+2d"})
    void anUpdateWithoutAWholeFieldIsAUsageError(String option) {
        CliResult result =
                option.isEmpty() ? run("opportunities", "update", "o1") : run("opportunities", "update", "o1", option);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(requests).isEmpty();
    }

    @Test
    void moveAndCloseSendTheStageTheOutcomeAndTheReason() {
        CliResult moved = run("opportunities", "move", "opportunities/o1", "negotiation", "--etag", "\"2\"");
        CliResult lost = run("opportunities", "close", "o1", "--lost", "--reason", "went with a competitor");
        CliResult neither = run("opportunities", "close", "o1");

        assertThat(moved.exitCode()).as(moved.err()).isZero();
        assertThat(lost.exitCode()).as(lost.err()).isZero();
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(requests)
                .containsExactly(
                        MoveOpportunityStageRequest.newBuilder()
                                .setName("opportunities/o1")
                                .setStage("negotiation")
                                .setEtag("\"2\"")
                                .build(),
                        CloseOpportunityRequest.newBuilder()
                                .setName("opportunities/o1")
                                .setOutcome(OpportunityOutcome.OPPORTUNITY_OUTCOME_LOST)
                                .setReason("went with a competitor")
                                .build());
    }

    @Test
    void getArchiveAndRestorePrintJsonWhenAsked() {
        CliResult got = run("--output", "json", "opportunities", "get", "o1");
        CliResult archived = run("opportunities", "archive", "o1", "--etag", "\"2\"");
        CliResult restored = run("opportunities", "restore", "o1");
        CliResult malformed = run("opportunities", "get", "contacts/c1");

        assertThat(got.exitCode()).as(got.err()).isZero();
        assertThat(got.out()).contains("\"name\": \"opportunities/o1\"").contains("\"probability\": 50");
        assertThat(archived.exitCode()).as(archived.err()).isZero();
        assertThat(restored.exitCode()).as(restored.err()).isZero();
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(requests)
                .containsExactly(
                        GetOpportunityRequest.newBuilder()
                                .setName("opportunities/o1")
                                .build(),
                        ArchiveOpportunityRequest.newBuilder()
                                .setName("opportunities/o1")
                                .setEtag("\"2\"")
                                .build(),
                        RestoreOpportunityRequest.newBuilder()
                                .setName("opportunities/o1")
                                .build());
    }

    @Test
    void convertWithADealSendsItAndPrintsBoth() {
        CliResult result = run(
                "leads",
                "convert",
                "l1",
                "--deal-title",
                "First order",
                "--deal-amount",
                "900",
                "--deal-currency",
                "EUR",
                "--deal-close-date",
                "2027-03-31");
        CliResult partial = run("leads", "convert", "l1", "--deal-title", "First order");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(requests)
                .containsExactly(ConvertLeadRequest.newBuilder()
                        .setLead("leads/l1")
                        .setOpportunity(Opportunity.newBuilder()
                                .setTitle("First order")
                                .setAmount(Money.newBuilder()
                                        .setCurrencyCode("EUR")
                                        .setUnits(900))
                                .setExpectedCloseDate(MARCH))
                        .build());
        assertThat(result.out()).contains("converted to contacts/c1").contains("deal opened: opportunities/o1");
        assertThat(partial.exitCode()).isEqualTo(2);
        assertThat(partial.err()).contains("go together");
    }

    private static final io.hearth.proto.v1.PipelineStats PIPELINE = io.hearth.proto.v1.PipelineStats.newBuilder()
            .addStages(io.hearth.proto.v1.PipelineStageStats.newBuilder()
                    .setStage("proposal")
                    .setProbability(50)
                    .setInPipeline(true)
                    .setOpenDeals(2)
                    .addValues(currencyValue("EUR", 1000, 500))
                    .addValues(currencyValue("USD", 200, 100))
                    .setEntered(4)
                    .setAdvanced(1)
                    .setConversionRate(0.25)
                    .setMedianDaysInStage(6.5)
                    .setVisitsMeasured(4))
            .addStages(io.hearth.proto.v1.PipelineStageStats.newBuilder()
                    .setStage("closed_won")
                    .setProbability(100)
                    .setInPipeline(true)
                    .setEntered(1))
            .addOpenTotals(currencyValue("EUR", 1000, 500))
            .addOpenTotals(currencyValue("USD", 200, 100))
            .addWinRateByLeadSource(io.hearth.proto.v1.LeadSourceWinRate.newBuilder()
                    .setLeadSource(io.hearth.proto.v1.LeadSource.LEAD_SOURCE_REFERRAL)
                    .setClosed(3)
                    .setWon(2)
                    .setWinRate(2 / 3.0))
            .setDeals(5)
            .setComputeTime(ENTERED)
            .build();

    private static io.hearth.proto.v1.CurrencyValue currencyValue(String currency, long value, long weighted) {
        return io.hearth.proto.v1.CurrencyValue.newBuilder()
                .setDeals(1)
                .setValue(Money.newBuilder().setCurrencyCode(currency).setUnits(value))
                .setWeightedValue(Money.newBuilder().setCurrencyCode(currency).setUnits(weighted))
                .build();
    }

    @Test
    void reopenSendsTheStageAndEtag() {
        CliResult result = run("opportunities", "reopen", "o1", "proposal", "--etag", "\"3\"");
        CliResult missing = run("opportunities", "reopen", "o1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(requests)
                .containsExactly(io.hearth.proto.v1.ReopenOpportunityRequest.newBuilder()
                        .setName("opportunities/o1")
                        .setStage("proposal")
                        .setEtag("\"3\"")
                        .build());
        assertThat(result.out()).containsPattern("stage\\s+proposal \\(50%\\)");
    }

    @Test
    void statsPipelineSendsTheFiltersAsUtcDaysAndPrintsEachCurrencyApart() {
        CliResult table = run(
                "stats",
                "pipeline",
                "--owner",
                "alice",
                "--team",
                "east",
                "--created-from",
                "2026-01-01",
                "--created-to",
                "2026-01-31",
                "--closed-to",
                "2026-02-28");
        CliResult json = run("stats", "pipeline", "--output", "json");

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(requests.get(0))
                .isEqualTo(io.hearth.proto.v1.GetPipelineStatsRequest.newBuilder()
                        .setOwner("alice")
                        .setTeam("teams/east")
                        .setCreateStartTime(seconds("2026-01-01T00:00:00Z"))
                        .setCreateEndTime(seconds("2026-02-01T00:00:00Z"))
                        .setCloseEndTime(seconds("2026-03-01T00:00:00Z"))
                        .build());
        assertThat(table.out())
                .containsPattern(
                        "proposal\\s+50%\\s+2\\s+1000 EUR, 200 USD\\s+500 EUR, 100 USD\\s+4\\s+1\\s+25%\\s+6.5")
                .containsPattern("closed_won\\s+100%\\s+0\\s+-\\s+-\\s+1\\s+0\\s+-\\s+-")
                .containsPattern("referral\\s+3\\s+2\\s+67%")
                .contains("open pipeline: 1000 EUR, 200 USD (weighted: 500 EUR, 100 USD)")
                .contains("deals: 5");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"conversionRate\": 0.25").contains("\"currencyCode\": \"USD\"");
    }

    private static Timestamp seconds(String instant) {
        return Timestamp.newBuilder()
                .setSeconds(Instant.parse(instant).getEpochSecond())
                .build();
    }

    private CliResult run(String... args) {
        return CliResult.run((target, credentials) -> inProcess(), args);
    }

    private ManagedChannel inProcess() {
        return InProcessChannelBuilder.forName(serverName).directExecutor().build();
    }

    private final class Opportunities extends OpportunityServiceGrpc.OpportunityServiceImplBase {
        private void answer(Message request, StreamObserver<Opportunity> response) {
            requests.add(request);
            response.onNext(PILOT);
            response.onCompleted();
        }

        @Override
        public void createOpportunity(CreateOpportunityRequest request, StreamObserver<Opportunity> response) {
            answer(request, response);
        }

        @Override
        public void getOpportunity(GetOpportunityRequest request, StreamObserver<Opportunity> response) {
            answer(request, response);
        }

        @Override
        public void listOpportunities(
                ListOpportunitiesRequest request, StreamObserver<ListOpportunitiesResponse> response) {
            requests.add(request);
            response.onNext(ListOpportunitiesResponse.newBuilder()
                    .addOpportunities(PILOT)
                    .setNextPageToken("next")
                    .build());
            response.onCompleted();
        }

        @Override
        public void updateOpportunity(UpdateOpportunityRequest request, StreamObserver<Opportunity> response) {
            answer(request, response);
        }

        @Override
        public void moveOpportunityStage(MoveOpportunityStageRequest request, StreamObserver<Opportunity> response) {
            answer(request, response);
        }

        @Override
        public void closeOpportunity(CloseOpportunityRequest request, StreamObserver<Opportunity> response) {
            answer(request, response);
        }

        @Override
        public void archiveOpportunity(ArchiveOpportunityRequest request, StreamObserver<Opportunity> response) {
            answer(request, response);
        }

        @Override
        public void restoreOpportunity(RestoreOpportunityRequest request, StreamObserver<Opportunity> response) {
            answer(request, response);
        }

        @Override
        public void reopenOpportunity(
                io.hearth.proto.v1.ReopenOpportunityRequest request, StreamObserver<Opportunity> response) {
            answer(request, response);
        }

        @Override
        public void getPipelineStats(
                io.hearth.proto.v1.GetPipelineStatsRequest request,
                StreamObserver<io.hearth.proto.v1.PipelineStats> response) {
            requests.add(request);
            response.onNext(PIPELINE);
            response.onCompleted();
        }
    }

    private final class Contacts extends ContactServiceGrpc.ContactServiceImplBase {
        @Override
        public void convertLead(ConvertLeadRequest request, StreamObserver<ConvertLeadResponse> response) {
            requests.add(request);
            response.onNext(ConvertLeadResponse.newBuilder()
                    .setLead(Lead.newBuilder().setName("leads/l1"))
                    .setContact(Contact.newBuilder().setName("contacts/c1"))
                    .setOpportunity(PILOT)
                    .build());
            response.onCompleted();
        }
    }
}
