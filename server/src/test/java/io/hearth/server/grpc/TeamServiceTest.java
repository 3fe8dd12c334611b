package io.hearth.server.grpc;

import static io.hearth.server.grpc.GrpcAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.FieldMask;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.hearth.core.app.Escalations;
import io.hearth.core.lead.TickingClock;
import io.hearth.proto.v1.AdminServiceGrpc;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.CreateTokenRequest;
import io.hearth.proto.v1.Escalation;
import io.hearth.proto.v1.GetTeamRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.QueueServiceGrpc;
import io.hearth.proto.v1.QueueSnapshot;
import io.hearth.proto.v1.Role;
import io.hearth.proto.v1.SetRepAvailabilityRequest;
import io.hearth.proto.v1.Team;
import io.hearth.proto.v1.TeamRep;
import io.hearth.proto.v1.TeamServiceGrpc;
import io.hearth.proto.v1.UpdateTeamRequest;
import io.hearth.proto.v1.WatchQueueRequest;
import io.hearth.server.InProcessHearth;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TeamService and the escalations WatchQueue streams, in one JVM with tokens: real wiring, real
 * rules, in-memory HSQLDB, a clock the test moves and the escalation job's pass run by hand.
 */
class TeamServiceTest {
    private static final String ADMIN = "hth_team-service-test-admin-token-0123456789";
    private final TickingClock clock = new TickingClock(Instant.parse("2026-12-06T09:00:00Z"), Duration.ofMillis(1));
    private InProcessHearth hearth;
    private String alice;
    private String bob;
    private String mia;

    @BeforeEach
    void start() throws Exception {
        hearth = InProcessHearth.listeningOn(clock, "127.0.0.1", Optional.of(ADMIN));
        var admin = AdminServiceGrpc.newBlockingStub(as(ADMIN));
        alice = admin.createToken(token("alice", Role.ROLE_REP, "east")).getToken();
        bob = admin.createToken(token("bob", Role.ROLE_REP, "east")).getToken();
        mia = admin.createToken(token("mia", Role.ROLE_MANAGER, "east")).getToken();
        admin.createToken(token("walt", Role.ROLE_MANAGER, "west"));
    }

    @AfterEach
    void stop() throws Exception {
        hearth.close();
    }

    @Test
    void aManagerMarksRepsOutAndOptsTheTeamIntoReassignment() {
        var team = TeamServiceGrpc.newBlockingStub(as(mia));
        Team east = team.getTeam(GetTeamRequest.getDefaultInstance());
        assertThat(east.getName()).isEqualTo("teams/east");
        assertThat(east.getRepsList()).extracting(TeamRep::getUser).containsExactly("alice", "bob");
        assertThat(east.getReassignMissedLeads()).isFalse();

        Team updated = team.updateTeam(UpdateTeamRequest.newBuilder()
                .setTeam(Team.newBuilder().setReassignMissedLeads(true))
                .setUpdateMask(FieldMask.newBuilder().addPaths("reassign_missed_leads"))
                .build());
        assertThat(updated.getReassignMissedLeads()).isTrue();
        Team aliceOut = team.setRepAvailability(SetRepAvailabilityRequest.newBuilder()
                .setUser("alice")
                .setAvailable(false)
                .build());
        TeamRep out = aliceOut.getReps(0);
        assertThat(out.getAvailable()).isFalse();
        assertThat(out.getOutSetBy()).isEqualTo("mia");
        assertThat(out.hasOutTime()).isTrue();
        assertThat(team.getTeam(
                        GetTeamRequest.newBuilder().setName("teams/east").build()))
                .isEqualTo(aliceOut);
    }

    @Test
    void aRepReadsTheirTeamButChangesNothingAndBadRequestsNameTheirField() {
        var asBob = TeamServiceGrpc.newBlockingStub(as(bob));
        assertThat(asBob.getTeam(GetTeamRequest.getDefaultInstance()).getRepsCount())
                .isEqualTo(2);
        assertThatThrownBy(() -> asBob.setRepAvailability(
                        SetRepAvailabilityRequest.newBuilder().setUser("alice").build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThatThrownBy(() -> asBob.getTeam(
                        GetTeamRequest.newBuilder().setName("teams/west").build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));

        var asMia = TeamServiceGrpc.newBlockingStub(as(mia));
        assertInvalid(
                () -> asMia.updateTeam(UpdateTeamRequest.newBuilder()
                        .setTeam(Team.newBuilder().setReassignMissedLeads(true))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("last_assigned"))
                        .build()),
                "update_mask");
        assertInvalid(() -> asMia.updateTeam(UpdateTeamRequest.getDefaultInstance()), "team");
        assertInvalid(
                () -> asMia.setRepAvailability(
                        SetRepAvailabilityRequest.newBuilder().setUser("walt").build()),
                "user");
        assertInvalid(
                () -> asMia.getTeam(
                        GetTeamRequest.newBuilder().setName("teams/a/b").build()),
                "name");
        var asAdmin = TeamServiceGrpc.newBlockingStub(as(ADMIN));
        assertInvalid(() -> asAdmin.getTeam(GetTeamRequest.getDefaultInstance()), "name");
        assertThatThrownBy(() -> asAdmin.getTeam(
                        GetTeamRequest.newBuilder().setName("teams/nobody").build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void anEscalationReachesEveryWatchOfTheTeamAndTheTeamsViewShowsTheLeadFirst() throws Exception {
        Lead bobs = LeadServiceGrpc.newBlockingStub(as(bob))
                .createLead(CreateLeadRequest.newBuilder()
                        .setLead(Lead.newBuilder()
                                .setGivenName("Wendy")
                                .setFamilyName("Web")
                                .setSource(LeadSource.LEAD_SOURCE_WEB_FORM))
                        .build());
        BlockingQueue<QueueSnapshot> snapshots = new LinkedBlockingQueue<>();
        Context.CancellableContext watching = Context.current().withCancellation();
        watching.run(() -> QueueServiceGrpc.newStub(as(alice))
                .watchQueue(WatchQueueRequest.getDefaultInstance(), new StreamObserver<>() {
                    @Override
                    public void onNext(QueueSnapshot snapshot) {
                        snapshots.add(snapshot);
                    }

                    @Override
                    public void onError(Throwable t) {}

                    @Override
                    public void onCompleted() {}
                }));
        try {
            QueueSnapshot first = snapshots.poll(5, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.getItemsList()).as("bob's lead, not escalated yet").isEmpty();
            assertThat(first.getEscalationsList()).isEmpty();

            clock.advance(Duration.ofMinutes(4));
            assertThat(hearth.get(Escalations.class).run(100).escalated()).isEqualTo(1);

            QueueSnapshot escalated = snapshots.poll(5, TimeUnit.SECONDS);
            assertThat(escalated).isNotNull();
            assertThat(escalated.getEscalationsList()).hasSize(1);
            Escalation escalation = escalated.getEscalations(0);
            assertThat(escalation.getLead()).isEqualTo(bobs.getName());
            assertThat(escalation.getOwner()).isEqualTo("bob");
            assertThat(escalation.getTeam()).isEqualTo("east");
            assertThat(escalation.getReason()).startsWith("web form lead: ").endsWith("left of its 5 min");
            assertThat(escalation.getReassignedTo()).isEmpty();
            assertThat(escalated.getItemsList()).hasSize(1);
            assertThat(escalated.getItems(0).getPerson()).isEqualTo(bobs.getName());
            assertThat(escalated.getItems(0).getReasons(0)).startsWith("escalated: web form lead: ");
            assertThat(snapshots.poll(600, TimeUnit.MILLISECONDS))
                    .as("an escalation is sent once")
                    .isNull();
        } finally {
            watching.cancel(null);
        }
    }

    @Test
    void aManagerSetsTheTeamsStagesWhichItsRepsDealsThenMoveThrough() {
        var asMia = TeamServiceGrpc.newBlockingStub(as(mia));
        io.hearth.proto.v1.ListPipelineStagesResponse before =
                asMia.listPipelineStages(io.hearth.proto.v1.ListPipelineStagesRequest.getDefaultInstance());
        assertThat(before.getTeam()).isEqualTo("teams/east");
        assertThat(before.getTeamPipeline()).isFalse();
        assertThat(before.getStagesList())
                .extracting(io.hearth.proto.v1.PipelineStage::getKey)
                .containsExactly(
                        "qualification", "needs_analysis", "proposal", "negotiation", "closed_won", "closed_lost");
        assertInvalid(
                () -> asMia.updatePipelineStages(io.hearth.proto.v1.UpdatePipelineStagesRequest.newBuilder()
                        .addStages(stage("discovery", 150, 7))
                        .build()),
                "stages[0].probability");
        assertThatThrownBy(() -> TeamServiceGrpc.newBlockingStub(as(bob))
                        .updatePipelineStages(io.hearth.proto.v1.UpdatePipelineStagesRequest.newBuilder()
                                .addStages(stage("discovery", 15, 7))
                                .build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));

        io.hearth.proto.v1.ListPipelineStagesResponse after =
                asMia.updatePipelineStages(io.hearth.proto.v1.UpdatePipelineStagesRequest.newBuilder()
                        .addStages(stage("Discovery", 15, 7))
                        .addStages(stage("demo", 45, 5))
                        .build());

        assertThat(after.getTeamPipeline()).isTrue();
        assertThat(after.getStagesList())
                .extracting(io.hearth.proto.v1.PipelineStage::getKey)
                .containsExactly("discovery", "demo", "closed_won", "closed_lost");
        assertThat(after.getStages(0).getDisplayName()).isEqualTo("Discovery");
        assertThat(after.getStages(3).getOutcome())
                .isEqualTo(io.hearth.proto.v1.OpportunityOutcome.OPPORTUNITY_OUTCOME_LOST);
        assertThat(TeamServiceGrpc.newBlockingStub(as(alice))
                        .listPipelineStages(io.hearth.proto.v1.ListPipelineStagesRequest.getDefaultInstance()))
                .isEqualTo(after);
        String contact = io.hearth.proto.v1.ContactServiceGrpc.newBlockingStub(as(alice))
                .createContact(io.hearth.proto.v1.CreateContactRequest.newBuilder()
                        .setContact(io.hearth.proto.v1.Contact.newBuilder()
                                .setGivenName("Ada")
                                .setEmail("ada@example.com")
                                .setKind(io.hearth.proto.v1.ContactKind.CONTACT_KIND_PROSPECT))
                        .build())
                .getName();
        var deals = io.hearth.proto.v1.OpportunityServiceGrpc.newBlockingStub(as(alice));
        io.hearth.proto.v1.Opportunity deal =
                deals.createOpportunity(io.hearth.proto.v1.CreateOpportunityRequest.newBuilder()
                        .setOpportunity(io.hearth.proto.v1.Opportunity.newBuilder()
                                .setContact(contact)
                                .setTitle("Pilot")
                                .setAmount(com.google.type.Money.newBuilder()
                                        .setCurrencyCode("EUR")
                                        .setUnits(100))
                                .setExpectedCloseDate(com.google.type.Date.newBuilder()
                                        .setYear(2027)
                                        .setMonth(3)
                                        .setDay(31)))
                        .build());
        assertThat(deal.getStage()).isEqualTo("discovery");
        assertThat(deal.getProbability()).isEqualTo(15);
        io.hearth.proto.v1.Opportunity demo =
                deals.moveOpportunityStage(io.hearth.proto.v1.MoveOpportunityStageRequest.newBuilder()
                        .setName(deal.getName())
                        .setStage("demo")
                        .build());
        assertThat(demo.getProbability()).isEqualTo(45);
        assertThatThrownBy(() -> asMia.updatePipelineStages(io.hearth.proto.v1.UpdatePipelineStagesRequest.newBuilder()
                        .addStages(stage("discovery", 15, 7))
                        .build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(GrpcAssertions.errorReason(e)).isEqualTo("PIPELINE_STAGE_IN_USE");
                });
    }

    private static io.hearth.proto.v1.PipelineStage stage(String key, int probability, int stallDays) {
        return io.hearth.proto.v1.PipelineStage.newBuilder()
                .setKey(key)
                .setProbability(probability)
                .setStallDays(stallDays)
                .build();
    }

    private Channel as(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return ClientInterceptors.intercept(hearth.channel(), MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static CreateTokenRequest token(String user, Role role, String team) {
        return CreateTokenRequest.newBuilder()
                .setUser(user)
                .setRole(role)
                .setTeam(team)
                .build();
    }
}
