package io.hearth.server.grpc;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.grpc.stub.StreamObserver;
import io.hearth.core.app.Teams;
import io.hearth.proto.v1.GetTeamRequest;
import io.hearth.proto.v1.SetRepAvailabilityRequest;
import io.hearth.proto.v1.Team;
import io.hearth.proto.v1.TeamServiceGrpc;
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
}
