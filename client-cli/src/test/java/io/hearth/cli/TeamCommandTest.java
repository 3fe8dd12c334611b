package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.protobuf.util.JsonFormat;
import io.hearth.proto.v1.GetTeamRequest;
import io.hearth.proto.v1.SetRepAvailabilityRequest;
import io.hearth.proto.v1.Team;
import io.hearth.proto.v1.TeamRep;
import io.hearth.proto.v1.UpdateTeamRequest;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TeamCommandTest {
    @RegisterExtension
    final InProcessHearth hearth = new InProcessHearth();

    private static final Team EAST = Team.newBuilder()
            .setName("teams/east")
            .setReassignMissedLeads(true)
            .setLastAssigned("bob")
            .addReps(TeamRep.newBuilder().setUser("alice").setAvailable(true))
            .addReps(TeamRep.newBuilder()
                    .setUser("bob")
                    .setAvailable(false)
                    .setOutTime(Times.timestamp(Instant.parse("2026-12-06T08:00:00Z")))
                    .setOutSetBy("mia"))
            .build();

    @BeforeEach
    void answerEast() {
        hearth.teams.team = EAST;
    }

    @Test
    void showPrintsTheRepsInTurnOrderAndTheSettings() {
        CliResult result = hearth.run("team", "show");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.teams.requests).containsExactly(GetTeamRequest.getDefaultInstance());
        assertThat(result.out().lines().toList())
                .startsWith("team east", "reassign missed leads: on", "last assigned: bob");
        assertThat(result.out()).contains("alice").contains("yes");
        assertThat(result.out().lines().filter(line -> line.startsWith("bob")))
                .singleElement()
                .satisfies(line ->
                        assertThat(line.split("  +")).containsExactly("bob", "out", "2026-12-06T08:00:00Z", "mia"));
    }

    @Test
    void repOutAndBackNameTheTeamWhenGiven() {
        assertThat(hearth.run("team", "rep-out", "alice", "--team", "east").exitCode())
                .isZero();
        assertThat(hearth.run("team", "rep-back", "alice").exitCode()).isZero();

        assertThat(hearth.teams.requests)
                .containsExactly(
                        SetRepAvailabilityRequest.newBuilder()
                                .setTeam("teams/east")
                                .setUser("alice")
                                .setAvailable(false)
                                .build(),
                        SetRepAvailabilityRequest.newBuilder()
                                .setUser("alice")
                                .setAvailable(true)
                                .build());
    }

    @Test
    void setTurnsReassignmentOnOrOffWithItsMask() throws Exception {
        CliResult result = hearth.run("team", "set", "--reassign-missed", "off", "--output", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.teams.requests)
                .containsExactly(UpdateTeamRequest.newBuilder()
                        .setTeam(Team.newBuilder().setReassignMissedLeads(false))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("reassign_missed_leads"))
                        .build());
        Team.Builder printed = Team.newBuilder();
        JsonFormat.parser().merge(result.out(), printed);
        assertThat(printed.build()).isEqualTo(EAST);
        assertThat(hearth.run("team", "set", "--reassign-missed", "maybe").exitCode())
                .isEqualTo(2);
    }

    @Test
    void stagesPrintsThePipelineAndSetStagesSendsEachStageInOrder() {
        hearth.teams.pipeline = io.hearth.proto.v1.ListPipelineStagesResponse.newBuilder()
                .setTeam("teams/east")
                .setTeamPipeline(true)
                .addStages(io.hearth.proto.v1.PipelineStage.newBuilder()
                        .setKey("discovery")
                        .setDisplayName("Discovery")
                        .setProbability(15)
                        .setStallDays(7)
                        .setOutcome(io.hearth.proto.v1.OpportunityOutcome.OPPORTUNITY_OUTCOME_OPEN))
                .addStages(io.hearth.proto.v1.PipelineStage.newBuilder()
                        .setKey("closed_won")
                        .setDisplayName("Closed won")
                        .setProbability(100)
                        .setOutcome(io.hearth.proto.v1.OpportunityOutcome.OPPORTUNITY_OUTCOME_WON))
                .build();

        CliResult shown = hearth.run("team", "stages", "--team", "east");
        CliResult set =
                hearth.run("team", "set-stages", "--stage", "discovery:15:7", "--stage", "demo:45:5:Product demo");
        CliResult bad = hearth.run("team", "set-stages", "--stage", "discovery:high:7");

        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out().lines().toList()).first().isEqualTo("team east: its own pipeline");
        assertThat(shown.out()).containsPattern("discovery\\s+Discovery\\s+15%\\s+7 days\\s+open");
        assertThat(shown.out()).containsPattern("closed_won\\s+Closed won\\s+100%\\s+-\\s+won");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("whole numbers");
        assertThat(hearth.teams.requests)
                .containsExactly(
                        io.hearth.proto.v1.ListPipelineStagesRequest.newBuilder()
                                .setTeam("teams/east")
                                .build(),
                        io.hearth.proto.v1.UpdatePipelineStagesRequest.newBuilder()
                                .addStages(io.hearth.proto.v1.PipelineStage.newBuilder()
                                        .setKey("discovery")
                                        .setProbability(15)
                                        .setStallDays(7))
                                .addStages(io.hearth.proto.v1.PipelineStage.newBuilder()
                                        .setKey("demo")
                                        .setProbability(45)
                                        .setStallDays(5)
                                        .setDisplayName("Product demo"))
                                .build());
    }
}
