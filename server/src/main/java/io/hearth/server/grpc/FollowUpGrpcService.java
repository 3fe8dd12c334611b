package io.hearth.server.grpc;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.grpc.stub.StreamObserver;
import io.hearth.core.app.FollowUpStatsReport;
import io.hearth.core.app.FollowUps;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonRef;
import io.hearth.core.query.Page;
import io.hearth.core.resource.ResourceNames;
import io.hearth.core.touch.FollowUp;
import io.hearth.core.touch.StatsPeriod;
import io.hearth.core.touch.Touch;
import io.hearth.core.touch.TouchLogged;
import io.hearth.proto.v1.CompleteFollowUpRequest;
import io.hearth.proto.v1.FollowUpServiceGrpc;
import io.hearth.proto.v1.GetFollowUpRequest;
import io.hearth.proto.v1.GetFollowUpStatsRequest;
import io.hearth.proto.v1.ListDueFollowUpsRequest;
import io.hearth.proto.v1.ListDueFollowUpsResponse;
import io.hearth.proto.v1.ListTouchesRequest;
import io.hearth.proto.v1.ListTouchesResponse;
import io.hearth.proto.v1.LogTouchRequest;
import io.hearth.proto.v1.LogTouchResponse;
import io.hearth.proto.v1.ScheduleFollowUpRequest;
import io.hearth.proto.v1.SkipFollowUpRequest;
import java.util.UUID;

/** FollowUpService over gRPC: maps requests to the follow-up use cases and their results back. */
public final class FollowUpGrpcService extends FollowUpServiceGrpc.FollowUpServiceImplBase {
    private final FollowUps followUps;
    private final FollowUpStatsReport stats;
    private final PersonCadences people;

    @Inject
    public FollowUpGrpcService(FollowUps followUps, FollowUpStatsReport stats, PersonCadences people) {
        this.people = requireNonNull(people, "people is null");
        this.followUps = requireNonNull(followUps, "followUps is null");
        this.stats = requireNonNull(stats, "stats is null");
    }

    @Override
    public void logTouch(LogTouchRequest request, StreamObserver<LogTouchResponse> response) {
        reply(response, followUps.logTouch(request.hasTouch() ? FollowUpMapper.toInput(request.getTouch()) : null));
    }

    @Override
    public void listTouches(ListTouchesRequest request, StreamObserver<ListTouchesResponse> response) {
        PersonRef person = request.getPerson().isEmpty() ? null : PersonRef.fromName(request.getPerson(), "person");
        Page<Touch> page = followUps.listTouches(
                person,
                request.getPerformedBy(),
                request.hasStartTime() ? ProtoTimes.toInstant(request.getStartTime(), "start_time") : null,
                request.hasEndTime() ? ProtoTimes.toInstant(request.getEndTime(), "end_time") : null,
                request.getPageSize(),
                request.getPageToken());
        ListTouchesResponse.Builder result = ListTouchesResponse.newBuilder();
        page.items().forEach(t -> result.addTouches(FollowUpMapper.toProto(t)));
        page.nextPageToken().ifPresent(result::setNextPageToken);
        response.onNext(result.build());
        response.onCompleted();
    }

    @Override
    public void scheduleFollowUp(
            ScheduleFollowUpRequest request, StreamObserver<io.hearth.proto.v1.FollowUp> response) {
        FollowUp scheduled = followUps.schedule(
                PersonRef.fromName(request.getPerson(), "person"),
                FollowUpMapper.channel(request.getChannel(), "channel"),
                request.hasDueTime() ? ProtoTimes.toInstant(request.getDueTime(), "due_time") : null,
                request.getPurpose());
        response.onNext(FollowUpMapper.toProto(scheduled));
        response.onCompleted();
    }

    @Override
    public void listDueFollowUps(ListDueFollowUpsRequest request, StreamObserver<ListDueFollowUpsResponse> response) {
        Page<FollowUp> page = followUps.listDue(
                request.getOwner(),
                request.hasDueBy() ? ProtoTimes.toInstant(request.getDueBy(), "due_by") : null,
                request.getPageSize(),
                request.getPageToken());
        ListDueFollowUpsResponse.Builder result = ListDueFollowUpsResponse.newBuilder();
        page.items().forEach(f -> result.addFollowUps(FollowUpMapper.toProto(f)));
        page.nextPageToken().ifPresent(result::setNextPageToken);
        response.onNext(result.build());
        response.onCompleted();
    }

    @Override
    public void completeFollowUp(CompleteFollowUpRequest request, StreamObserver<LogTouchResponse> response) {
        UUID id = followUpId(request.getName());
        reply(
                response,
                followUps.complete(
                        id,
                        FollowUpMapper.outcome(request.getOutcome(), "outcome"),
                        FollowUpMapper.kind(request.getKind(), "kind"),
                        request.hasDuration() ? ProtoTimes.toDuration(request.getDuration(), "duration") : null,
                        request.getNote(),
                        request.getPerformedBy()));
    }

    @Override
    public void skipFollowUp(SkipFollowUpRequest request, StreamObserver<io.hearth.proto.v1.FollowUp> response) {
        response.onNext(FollowUpMapper.toProto(followUps.skip(followUpId(request.getName()), request.getReason())));
        response.onCompleted();
    }

    @Override
    public void getFollowUp(GetFollowUpRequest request, StreamObserver<io.hearth.proto.v1.FollowUp> response) {
        response.onNext(FollowUpMapper.toProto(followUps.get(followUpId(request.getName()))));
        response.onCompleted();
    }

    @Override
    public void getFollowUpStats(
            GetFollowUpStatsRequest request, StreamObserver<io.hearth.proto.v1.FollowUpStats> response) {
        LeadSource source = ProtoEnums.toDomain(request.getSource(), LeadSource.class, "LEAD_SOURCE_", "source");
        StatsPeriod period = new StatsPeriod(
                request.hasStartTime() ? ProtoTimes.toInstant(request.getStartTime(), "start_time") : null,
                request.hasEndTime() ? ProtoTimes.toInstant(request.getEndTime(), "end_time") : null,
                request.getOwner(),
                source);
        response.onNext(FollowUpMapper.toProto(stats.report(period)));
        response.onCompleted();
    }

    private void reply(StreamObserver<LogTouchResponse> response, TouchLogged logged) {
        LogTouchResponse.Builder proto = FollowUpMapper.toProto(logged).toBuilder();
        logged.convertedTo().ifPresent(contact -> proto.setConvertedContact(people.contact(contact)));
        response.onNext(proto.build());
        response.onCompleted();
    }

    private static UUID followUpId(String name) {
        return ResourceNames.parse(name, FollowUp.COLLECTION, "follow-up", "name");
    }
}
