package io.hearth.server.grpc;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.grpc.stub.StreamObserver;
import io.hearth.core.app.Teams;
import io.hearth.core.opportunity.PipelineStageInput;
import io.hearth.core.team.TeamPipeline;
import io.hearth.proto.v1.GetTeamRequest;
import io.hearth.proto.v1.ListPipelineStagesRequest;
import io.hearth.proto.v1.ListPipelineStagesResponse;
import io.hearth.proto.v1.OpportunityOutcome;
import io.hearth.proto.v1.PipelineStage;
import io.hearth.proto.v1.SetRepAvailabilityRequest;
import io.hearth.proto.v1.Team;
import io.hearth.proto.v1.TeamServiceGrpc;
import io.hearth.proto.v1.UpdatePipelineStagesRequest;
import io.hearth.proto.v1.UpdateTeamRequest;

/** A team's roster and escalation settings; core decides who may read and change them. */
public final class TeamGrpcService extends TeamServiceGrpc.TeamServiceImplBase {
    private final Teams teams;

    @Inject
    public TeamGrpcService(Teams teams) {
        this.teams = requireNonNull(teams, "teams is null");
    }

    @Override
    public void getTeam(GetTeamRequest request, StreamObserver<Team> response) {
        response.onNext(TeamMapper.toProto(teams.get(request.getName(), "name")));
        response.onCompleted();
    }

    @Override
    public void updateTeam(UpdateTeamRequest request, StreamObserver<Team> response) {
        response.onNext(TeamMapper.toProto(teams.update(
                request.hasTeam(),
                request.getTeam().getName(),
                request.getTeam().getReassignMissedLeads(),
                request.getUpdateMask().getPathsList())));
        response.onCompleted();
    }

    @Override
    public void setRepAvailability(SetRepAvailabilityRequest request, StreamObserver<Team> response) {
        response.onNext(TeamMapper.toProto(
                teams.setAvailability(request.getTeam(), "team", request.getUser(), "user", request.getAvailable())));
        response.onCompleted();
    }

    @Override
    public void listPipelineStages(
            ListPipelineStagesRequest request, StreamObserver<ListPipelineStagesResponse> response) {
        response.onNext(toProto(teams.pipeline(request.getTeam(), "team")));
        response.onCompleted();
    }

    @Override
    public void updatePipelineStages(
            UpdatePipelineStagesRequest request, StreamObserver<ListPipelineStagesResponse> response) {
        response.onNext(toProto(teams.updatePipeline(
                request.getTeam(),
                "team",
                request.getStagesList().stream()
                        .map(s -> new PipelineStageInput(
                                s.getKey(), s.getDisplayName(), s.getProbability(), s.getStallDays()))
                        .toList())));
        response.onCompleted();
    }

    private static ListPipelineStagesResponse toProto(TeamPipeline pipeline) {
        ListPipelineStagesResponse.Builder result = ListPipelineStagesResponse.newBuilder()
                .setTeam("teams/" + pipeline.team())
                .setTeamPipeline(pipeline.own());
        for (io.hearth.core.opportunity.PipelineStage stage : pipeline.stages().stages()) {
            result.addStages(PipelineStage.newBuilder()
                    .setKey(stage.key())
                    .setDisplayName(stage.displayName())
                    .setProbability(stage.probability())
                    .setStallDays(stage.stallDays())
                    .setOutcome(ProtoEnums.toProto(stage.outcome(), OpportunityOutcome.class, "OPPORTUNITY_OUTCOME_")));
        }
        return result.build();
    }
}
