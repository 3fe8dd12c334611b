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
}
