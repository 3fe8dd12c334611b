package io.hearth.server.grpc;

import static io.hearth.server.grpc.GrpcAssertions.assertCode;
import static io.hearth.server.grpc.GrpcAssertions.assertInvalid;
import static io.hearth.server.grpc.GrpcAssertions.errorReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import com.google.type.Date;
import com.google.type.Money;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hearth.proto.v1.ArchiveContactRequest;
import io.hearth.proto.v1.CloseOpportunityRequest;
import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.ConvertLeadRequest;
import io.hearth.proto.v1.ConvertLeadResponse;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.CreateOpportunityRequest;
import io.hearth.proto.v1.DealStep;
import io.hearth.proto.v1.GetLeadRequest;
import io.hearth.proto.v1.GetOpportunityRequest;
import io.hearth.proto.v1.GetPipelineStatsRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.LeadStatus;
import io.hearth.proto.v1.ListOpportunitiesRequest;
import io.hearth.proto.v1.ListOpportunitiesResponse;
import io.hearth.proto.v1.MoveOpportunityStageRequest;
import io.hearth.proto.v1.Opportunity;
import io.hearth.proto.v1.OpportunityOutcome;
import io.hearth.proto.v1.OpportunityServiceGrpc;
import io.hearth.proto.v1.PipelineStageStats;
import io.hearth.proto.v1.PipelineStats;
import io.hearth.proto.v1.ReopenOpportunityRequest;
import io.hearth.proto.v1.UpdateOpportunityRequest;
import io.hearth.server.InProcessHearth;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpportunityService and ConvertLead with a deal, inside one JVM: real wiring, real rules, in-memory HSQLDB. */
class OpportunityServiceTest {
    private InProcessHearth hearth;
    private OpportunityServiceGrpc.OpportunityServiceBlockingStub opportunities;
    private ContactServiceGrpc.ContactServiceBlockingStub contacts;
    private LeadServiceGrpc.LeadServiceBlockingStub leads;

    @BeforeEach
    void start() throws Exception {
        hearth = new InProcessHearth(Clock.systemUTC());
        opportunities = OpportunityServiceGrpc.newBlockingStub(hearth.channel());
        contacts = ContactServiceGrpc.newBlockingStub(hearth.channel());
        leads = LeadServiceGrpc.newBlockingStub(hearth.channel());
    }

    @AfterEach
    void stop() throws Exception {
        hearth.close();
    }

    @Test
    void aDealMovesClosesAndReadsBackWithItsHistoryMoneyAndDates() {
        String contact = convertedProspect("Ada").getContact().getName();
        Opportunity created = opportunities.createOpportunity(CreateOpportunityRequest.newBuilder()
                .setOpportunity(deal(contact)
                        .setNextStep(DealStep.newBuilder()
                                .setDescription("book the demo")
                                .setDueTime(Timestamp.newBuilder().setSeconds(1_800_000_000))))
                .build());

        assertThat(created.getName()).matches("opportunities/[0-9a-f-]{36}");
        assertThat(created.getStage()).isEqualTo("qualification");
        assertThat(created.getProbability()).isEqualTo(10);
        assertThat(created.getAmount())
                .isEqualTo(Money.newBuilder()
                        .setCurrencyCode("EUR")
                        .setUnits(25_000)
                        .setNanos(500_000_000)
                        .build());
        assertThat(created.getExpectedCloseDate()).isEqualTo(march());
        assertThat(created.getLeadSource()).isEqualTo(LeadSource.LEAD_SOURCE_WEBINAR);
        assertThat(created.getNextStep().getDueTime().getSeconds()).isEqualTo(1_800_000_000);
        Opportunity moved = opportunities.moveOpportunityStage(MoveOpportunityStageRequest.newBuilder()
                .setName(created.getName())
                .setStage("proposal")
                .setEtag(created.getEtag())
                .build());
        assertThat(moved.getProbability()).isEqualTo(50);
        assertThat(moved.getStageHistoryList())
                .extracting(v -> v.getStage())
                .containsExactly("qualification", "proposal");
        assertThat(moved.getStageHistory(0).getLeaveTime()).isEqualTo(moved.getStageEnterTime());

        assertCode(
                () -> opportunities.moveOpportunityStage(MoveOpportunityStageRequest.newBuilder()
                        .setName(created.getName())
                        .setStage("negotiation")
                        .setEtag(created.getEtag())
                        .build()),
                Status.Code.ABORTED);
        assertInvalid(
                () -> opportunities.closeOpportunity(CloseOpportunityRequest.newBuilder()
                        .setName(created.getName())
                        .setOutcome(OpportunityOutcome.OPPORTUNITY_OUTCOME_LOST)
                        .build()),
                "reason");
        Opportunity won = opportunities.closeOpportunity(CloseOpportunityRequest.newBuilder()
                .setName(created.getName())
                .setOutcome(OpportunityOutcome.OPPORTUNITY_OUTCOME_WON)
                .build());
        assertThat(won.getStage()).isEqualTo("closed_won");
        assertThat(won.getOutcome()).isEqualTo(OpportunityOutcome.OPPORTUNITY_OUTCOME_WON);
        assertThat(won.hasCloseTime()).isTrue();
        StatusRuntimeException closed = catchThrowableOfType(
                () -> opportunities.moveOpportunityStage(MoveOpportunityStageRequest.newBuilder()
                        .setName(created.getName())
                        .setStage("proposal")
                        .build()),
                StatusRuntimeException.class);
        assertThat(closed.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(errorReason(closed)).isEqualTo("OPPORTUNITY_CLOSED");
        assertThat(opportunities.getOpportunity(GetOpportunityRequest.newBuilder()
                        .setName(created.getName())
                        .build()))
                .isEqualTo(won);
    }

    @Test
    void badFieldsAreNamedAndUnknownResourcesAreNotFound() {
        String contact = convertedProspect("Bo").getContact().getName();

        assertInvalid(
                () -> opportunities.createOpportunity(CreateOpportunityRequest.newBuilder()
                        .setOpportunity(deal(contact)
                                .setTitle(" ")
                                .setAmount(Money.newBuilder()
                                        .setCurrencyCode("EURO")
                                        .setUnits(-1))
                                .setExpectedCloseDate(Date.newBuilder()
                                        .setYear(2027)
                                        .setMonth(2)
                                        .setDay(30)))
                        .build()),
                "opportunity.amount.currency_code",
                "opportunity.amount",
                "opportunity.expected_close_date");
        assertInvalid(
                () -> opportunities.createOpportunity(CreateOpportunityRequest.newBuilder()
                        .setOpportunity(deal(contact).setTitle("").setStage("closed_won"))
                        .build()),
                "opportunity.stage");
        assertInvalid(
                () -> opportunities.createOpportunity(CreateOpportunityRequest.newBuilder()
                        .setOpportunity(deal(contact).clearTitle())
                        .build()),
                "opportunity.title");
        assertCode(
                () -> opportunities.createOpportunity(CreateOpportunityRequest.newBuilder()
                        .setOpportunity(deal("contacts/0190c0d2-0000-7000-8000-000000000000"))
                        .build()),
                Status.Code.NOT_FOUND);
        assertInvalid(
                () -> opportunities.listOpportunities(ListOpportunitiesRequest.newBuilder()
                        .setExpectedCloseFrom(
                                Date.newBuilder().setYear(2027).setMonth(13).setDay(1))
                        .build()),
                "expected_close_from");
        assertInvalid(
                () -> opportunities.getOpportunity(
                        GetOpportunityRequest.newBuilder().setName("deals/1").build()),
                "name");
    }

    @Test
    void updatesFollowTheMaskAndListsFilterByCloseDates() {
        String contact = convertedProspect("Cy").getContact().getName();
        Opportunity created = opportunities.createOpportunity(CreateOpportunityRequest.newBuilder()
                .setOpportunity(deal(contact))
                .build());

        Opportunity updated = opportunities.updateOpportunity(UpdateOpportunityRequest.newBuilder()
                .setOpportunity(Opportunity.newBuilder()
                        .setName(created.getName())
                        .setTitle("ignored: not in the mask")
                        .setAmount(Money.newBuilder().setCurrencyCode("EUR").setUnits(30_000))
                        .setEtag(created.getEtag()))
                .setUpdateMask(FieldMask.newBuilder().addPaths("amount"))
                .build());

        assertThat(updated.getTitle()).isEqualTo(created.getTitle());
        assertThat(updated.getAmount().getUnits()).isEqualTo(30_000);
        ListOpportunitiesResponse inMarch = opportunities.listOpportunities(ListOpportunitiesRequest.newBuilder()
                .setExpectedCloseFrom(march())
                .setExpectedCloseTo(march())
                .setFilter("contact = \"" + contact + "\" AND closed = false")
                .build());
        ListOpportunitiesResponse inApril = opportunities.listOpportunities(ListOpportunitiesRequest.newBuilder()
                .setExpectedCloseFrom(
                        Date.newBuilder().setYear(2027).setMonth(4).setDay(1))
                .build());
        assertThat(inMarch.getOpportunitiesList()).containsExactly(updated);
        assertThat(inApril.getOpportunitiesList()).isEmpty();
    }

    @Test
    void convertingALeadWithADealDoesBothOrNeither() {
        Lead lead = leads.createLead(CreateLeadRequest.newBuilder()
                .setLead(Lead.newBuilder()
                        .setGivenName("Dee")
                        .setEmail("dee@example.com")
                        .setSource(LeadSource.LEAD_SOURCE_TRADE_SHOW))
                .build());

        assertInvalid(
                () -> contacts.convertLead(ConvertLeadRequest.newBuilder()
                        .setLead(lead.getName())
                        .setOpportunity(Opportunity.newBuilder()
                                .setTitle("First order")
                                .setAmount(Money.newBuilder()
                                        .setCurrencyCode("EUR")
                                        .setNanos(-5))
                                .setExpectedCloseDate(march()))
                        .build()),
                "opportunity.amount");
        assertThat(leads.getLead(GetLeadRequest.newBuilder()
                                .setName(lead.getName())
                                .build())
                        .getStatus())
                .isNotEqualTo(LeadStatus.LEAD_STATUS_CONVERTED);
        assertThat(opportunities
                        .listOpportunities(ListOpportunitiesRequest.getDefaultInstance())
                        .getOpportunitiesList())
                .isEmpty();

        ConvertLeadResponse done = contacts.convertLead(ConvertLeadRequest.newBuilder()
                .setLead(lead.getName())
                .setOpportunity(Opportunity.newBuilder()
                        .setTitle("First order")
                        .setAmount(Money.newBuilder().setCurrencyCode("EUR").setUnits(900))
                        .setExpectedCloseDate(march()))
                .build());

        assertThat(done.getLead().getStatus()).isEqualTo(LeadStatus.LEAD_STATUS_CONVERTED);
        assertThat(done.getOpportunity().getContact())
                .isEqualTo(done.getContact().getName());
        assertThat(done.getOpportunity().getSourceLead()).isEqualTo(lead.getName());
        assertThat(done.getOpportunity().getLeadSource()).isEqualTo(LeadSource.LEAD_SOURCE_TRADE_SHOW);
        assertThat(opportunities.getOpportunity(GetOpportunityRequest.newBuilder()
                        .setName(done.getOpportunity().getName())
                        .build()))
                .isEqualTo(done.getOpportunity());
    }

    @Test
    void aClosedDealReopensAndItsContactIsNotArchivedWhileItIsOpen() {
        String contact = convertedProspect("Ada").getContact().getName();
        Opportunity created = opportunities.createOpportunity(CreateOpportunityRequest.newBuilder()
                .setOpportunity(deal(contact))
                .build());
        StatusRuntimeException open = catchThrowableOfType(
                () -> opportunities.reopenOpportunity(ReopenOpportunityRequest.newBuilder()
                        .setName(created.getName())
                        .setStage("proposal")
                        .build()),
                StatusRuntimeException.class);
        assertThat(open.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(errorReason(open)).isEqualTo("OPPORTUNITY_NOT_CLOSED");
        StatusRuntimeException archiving = catchThrowableOfType(
                () -> contacts.archiveContact(
                        ArchiveContactRequest.newBuilder().setName(contact).build()),
                StatusRuntimeException.class);
        assertThat(archiving.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(errorReason(archiving)).isEqualTo("CONTACT_HAS_OPEN_DEALS");
        Opportunity lost = opportunities.closeOpportunity(CloseOpportunityRequest.newBuilder()
                .setName(created.getName())
                .setOutcome(OpportunityOutcome.OPPORTUNITY_OUTCOME_LOST)
                .setReason("budget frozen")
                .build());

        assertInvalid(
                () -> opportunities.reopenOpportunity(ReopenOpportunityRequest.newBuilder()
                        .setName(created.getName())
                        .build()),
                "stage");
        assertCode(
                () -> opportunities.reopenOpportunity(ReopenOpportunityRequest.newBuilder()
                        .setName(created.getName())
                        .setStage("proposal")
                        .setEtag(created.getEtag())
                        .build()),
                Status.Code.ABORTED);
        Opportunity reopened = opportunities.reopenOpportunity(ReopenOpportunityRequest.newBuilder()
                .setName(created.getName())
                .setStage("negotiation")
                .setEtag(lost.getEtag())
                .build());

        assertThat(reopened.getOutcome()).isEqualTo(OpportunityOutcome.OPPORTUNITY_OUTCOME_OPEN);
        assertThat(reopened.getStage()).isEqualTo("negotiation");
        assertThat(reopened.getProbability()).isEqualTo(75);
        assertThat(reopened.getCloseReason()).isEmpty();
        assertThat(reopened.hasCloseTime()).isFalse();
        assertThat(reopened.getStageHistoryList())
                .extracting(v -> v.getStage())
                .containsExactly("qualification", "closed_lost", "negotiation");
    }

    @Test
    void pipelineStatsSumPerStageAndCurrencyAndNameBadFilters() {
        String contact = convertedProspect("Ada").getContact().getName();
        Opportunity first = opportunities.createOpportunity(CreateOpportunityRequest.newBuilder()
                .setOpportunity(deal(contact))
                .build());
        opportunities.createOpportunity(CreateOpportunityRequest.newBuilder()
                .setOpportunity(deal(contact)
                        .setStage("proposal")
                        .setAmount(Money.newBuilder().setCurrencyCode("USD").setUnits(100)))
                .build());
        opportunities.closeOpportunity(CloseOpportunityRequest.newBuilder()
                .setName(first.getName())
                .setOutcome(OpportunityOutcome.OPPORTUNITY_OUTCOME_WON)
                .build());

        PipelineStats stats = opportunities.getPipelineStats(GetPipelineStatsRequest.getDefaultInstance());

        assertThat(stats.getDeals()).isEqualTo(2);
        assertThat(stats.getStagesList())
                .extracting(PipelineStageStats::getStage)
                .startsWith("qualification", "needs_analysis", "proposal");
        PipelineStageStats proposal = stats.getStages(2);
        assertThat(proposal.getOpenDeals()).isEqualTo(1);
        assertThat(proposal.getValues(0).getValue())
                .isEqualTo(
                        Money.newBuilder().setCurrencyCode("USD").setUnits(100).build());
        assertThat(proposal.getValues(0).getWeightedValue())
                .isEqualTo(
                        Money.newBuilder().setCurrencyCode("USD").setUnits(50).build());
        assertThat(proposal.hasMedianDaysInStage()).isTrue();
        PipelineStageStats qualification = stats.getStages(0);
        assertThat(qualification.getEntered()).isEqualTo(1);
        assertThat(qualification.getAdvanced()).isEqualTo(1);
        assertThat(qualification.getConversionRate()).isEqualTo(1.0);
        assertThat(stats.getStages(3).hasConversionRate()).isFalse();
        assertThat(stats.getOpenTotalsList())
                .extracting(v -> v.getValue().getCurrencyCode())
                .containsExactly("USD");
        assertThat(stats.getWinRateByLeadSourceList()).hasSize(1);
        assertThat(stats.getWinRateByLeadSource(0).getLeadSource()).isEqualTo(LeadSource.LEAD_SOURCE_WEBINAR);
        assertThat(stats.getWinRateByLeadSource(0).getWinRate()).isEqualTo(1.0);
        assertThat(stats.hasComputeTime()).isTrue();

        assertInvalid(
                () -> opportunities.getPipelineStats(GetPipelineStatsRequest.newBuilder()
                        .setCloseStartTime(Timestamp.newBuilder().setSeconds(2_000_000_000))
                        .setCloseEndTime(Timestamp.newBuilder().setSeconds(1_000_000_000))
                        .build()),
                "close_end_time");
        assertInvalid(
                () -> opportunities.getPipelineStats(
                        GetPipelineStatsRequest.newBuilder().setOwner("a\nb").build()),
                "owner");
        assertThat(opportunities
                        .getPipelineStats(GetPipelineStatsRequest.newBuilder()
                                .setTeam("teams/nobody")
                                .build())
                        .getDeals())
                .isZero();
    }

    private ConvertLeadResponse convertedProspect(String name) {
        Lead lead = leads.createLead(CreateLeadRequest.newBuilder()
                .setLead(Lead.newBuilder()
                        .setGivenName(name)
                        .setEmail(name.toLowerCase(java.util.Locale.ROOT) + "@example.com")
                        .setSource(LeadSource.LEAD_SOURCE_WEBINAR))
                .build());
        return contacts.convertLead(
                ConvertLeadRequest.newBuilder().setLead(lead.getName()).build());
    }

    private static Opportunity.Builder deal(String contact) {
        return Opportunity.newBuilder()
                .setContact(contact)
                .setTitle("200 seats")
                .setAmount(Money.newBuilder()
                        .setCurrencyCode("EUR")
                        .setUnits(25_000)
                        .setNanos(500_000_000))
                .setExpectedCloseDate(march());
    }

    private static Date march() {
        return Date.newBuilder().setYear(2027).setMonth(3).setDay(31).build();
    }
}
