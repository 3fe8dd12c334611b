package io.hearth.server.grpc;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.grpc.stub.StreamObserver;
import io.hearth.core.app.Teams;
import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.proto.v1.GetTeamRequest;
import io.hearth.proto.v1.SetRepAvailabilityRequest;
import io.hearth.proto.v1.Team;
import io.hearth.proto.v1.TeamServiceGrpc;
import io.hearth.proto.v1.UpdateTeamRequest;
import java.util.List;

/** A team's roster and escalation settings; core decides who may read and change them. */
public final class TeamGrpcService extends TeamServiceGrpc.TeamServiceImplBase {
    private static final String REASSIGN = "reassign_missed_leads";

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
        if (!request.hasTeam()) {
            throw InvalidArgumentException.of("team", "required: the team with its name and new values");
        }
        List<String> paths = request.getUpdateMask().getPathsList();
        if (paths.isEmpty() && !request.getTeam().getReassignMissedLeads()) {
            throw InvalidArgumentException.of(
                    "update_mask", "names no field to update; give " + REASSIGN + " to turn it off");
        }
        for (String path : paths) {
            if (!path.equals(REASSIGN) && !path.equals("*")) {
                throw InvalidArgumentException.of(
                        "update_mask",
                        "unknown or output-only path " + Excerpts.quoted(path) + "; the one field is " + REASSIGN);
            }
        }
        response.onNext(TeamMapper.toProto(teams.setReassignMissedLeads(
                request.getTeam().getName(), "team.name", request.getTeam().getReassignMissedLeads())));
        response.onCompleted();
    }

    @Override
    public void setRepAvailability(SetRepAvailabilityRequest request, StreamObserver<Team> response) {
        response.onNext(TeamMapper.toProto(
                teams.setAvailability(request.getTeam(), "team", request.getUser(), "user", request.getAvailable())));
        response.onCompleted();
    }
}
