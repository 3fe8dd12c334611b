package io.hearth.cli;

import com.google.protobuf.Message;
import io.grpc.stub.StreamObserver;
import io.hearth.proto.v1.GetTeamRequest;
import io.hearth.proto.v1.SetRepAvailabilityRequest;
import io.hearth.proto.v1.Team;
import io.hearth.proto.v1.TeamServiceGrpc;
import io.hearth.proto.v1.UpdateTeamRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TeamService test double: records every request and answers {@link #team}. */
final class RecordingTeamService extends TeamServiceGrpc.TeamServiceImplBase {
    final List<Message> requests = new CopyOnWriteArrayList<>();
    Team team = Team.getDefaultInstance();
    io.hearth.proto.v1.ListPipelineStagesResponse pipeline =
            io.hearth.proto.v1.ListPipelineStagesResponse.getDefaultInstance();

    @Override
    public void listPipelineStages(
            io.hearth.proto.v1.ListPipelineStagesRequest request,
            StreamObserver<io.hearth.proto.v1.ListPipelineStagesResponse> response) {
        requests.add(request);
        response.onNext(pipeline);
        response.onCompleted();
    }

    @Override
    public void updatePipelineStages(
            io.hearth.proto.v1.UpdatePipelineStagesRequest request,
            StreamObserver<io.hearth.proto.v1.ListPipelineStagesResponse> response) {
        requests.add(request);
        response.onNext(pipeline);
        response.onCompleted();
    }

    @Override
    public void getTeam(GetTeamRequest request, StreamObserver<Team> response) {
        answer(request, response);
    }

    @Override
    public void updateTeam(UpdateTeamRequest request, StreamObserver<Team> response) {
        answer(request, response);
    }

    @Override
    public void setRepAvailability(SetRepAvailabilityRequest request, StreamObserver<Team> response) {
        answer(request, response);
    }

    private void answer(Message request, StreamObserver<Team> response) {
        requests.add(request);
        response.onNext(team);
        response.onCompleted();
    }
}
