package io.hearth.server.grpc;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.hearth.core.app.LeadQualifications;
import io.hearth.core.app.LeadRatings;
import io.hearth.core.app.Leads;
import io.hearth.core.app.RatedLead;
import io.hearth.core.app.TemperatureOverrides;
import io.hearth.core.lead.Temperature;
import io.hearth.core.person.LeadId;
import io.hearth.core.priority.AgendaPlanner;
import io.hearth.core.priority.MissedDeadline;
import io.hearth.core.priority.SpeedToLeadReport;
import io.hearth.core.query.Page;
import io.hearth.core.queue.QueueEntry;
import io.hearth.core.queue.TypicalDurations;
import io.hearth.core.queue.WorkQueue;
import io.hearth.proto.v1.AgendaItem;
import io.hearth.proto.v1.ChannelDuration;
import io.hearth.proto.v1.GetLeadProfileRequest;
import io.hearth.proto.v1.GetResponseStatsRequest;
import io.hearth.proto.v1.LeadProfile;
import io.hearth.proto.v1.ListMissedDeadlinesRequest;
import io.hearth.proto.v1.ListMissedDeadlinesResponse;
import io.hearth.proto.v1.ListQueueRequest;
import io.hearth.proto.v1.ListQueueResponse;
import io.hearth.proto.v1.PlanAgendaRequest;
import io.hearth.proto.v1.PlanAgendaResponse;
import io.hearth.proto.v1.QualifyLeadRequest;
import io.hearth.proto.v1.QueueServiceGrpc;
import io.hearth.proto.v1.QueueSnapshot;
import io.hearth.proto.v1.ResponseStats;
import io.hearth.proto.v1.SetTemperatureOverrideRequest;
import io.hearth.proto.v1.WatchQueueRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** QueueService over gRPC: maps requests to the queue and rating use cases and their results back. */
public final class QueueGrpcService extends QueueServiceGrpc.QueueServiceImplBase {
    private final WorkQueue queue;
    private final LeadRatings ratings;
    private final LeadQualifications qualifications;
    private final TemperatureOverrides overrides;
    private final Leads leads;
    private final QueueWatchers watchers;
    private final SpeedToLeadReport speedToLead;
    private final Clock clock;

    @Inject
    public QueueGrpcService(
            WorkQueue queue,
            LeadRatings ratings,
            LeadQualifications qualifications,
            TemperatureOverrides overrides,
            Leads leads,
            QueueWatchers watchers,
            SpeedToLeadReport speedToLead,
            Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
        this.queue = requireNonNull(queue, "queue is null");
        this.ratings = requireNonNull(ratings, "ratings is null");
        this.qualifications = requireNonNull(qualifications, "qualifications is null");
        this.overrides = requireNonNull(overrides, "overrides is null");
        this.leads = requireNonNull(leads, "leads is null");
        this.watchers = requireNonNull(watchers, "watchers is null");
        this.speedToLead = requireNonNull(speedToLead, "speedToLead is null");
    }

    @Override
    public void watchQueue(WatchQueueRequest request, StreamObserver<QueueSnapshot> response) {
        int size = WorkQueue.watchSize(request.getSize(), "size");
        watchers.watch(request.getOwner(), size, (ServerCallStreamObserver<QueueSnapshot>) response);
    }

    @Override
    public void planAgenda(PlanAgendaRequest request, StreamObserver<PlanAgendaResponse> response) {
        List<TypicalDurations.Adjustment> adjustments = new ArrayList<>();
        for (ChannelDuration typical : request.getTypicalDurationsList()) {
            adjustments.add(new TypicalDurations.Adjustment(
                    QueueMapper.channel(typical.getChannel(), "typical_durations.channel"),
                    ProtoTimes.toDuration(typical.getDuration(), "typical_durations.duration")));
        }
        TypicalDurations durations = TypicalDurations.withOverrides(adjustments, "typical_durations");
        AgendaPlanner.Plan<QueueEntry> plan = queue.plan(
                request.getOwner(),
                request.hasTimeBudget() ? ProtoTimes.toDuration(request.getTimeBudget(), "time_budget") : null,
                durations);
        PlanAgendaResponse.Builder result = PlanAgendaResponse.newBuilder()
                .setPlanned(ProtoTimes.toProto(plan.planned()))
                .setLeft(ProtoTimes.toProto(plan.left()))
                .setSkipped(plan.skipped().size());
        for (QueueEntry entry : plan.items()) {
            result.addItems(AgendaItem.newBuilder()
                    .setItem(QueueMapper.toProto(entry))
                    .setEstimate(ProtoTimes.toProto(durations.of(entry.channel()))));
        }
        response.onNext(result.build());
        response.onCompleted();
    }

    @Override
    public void getResponseStats(GetResponseStatsRequest request, StreamObserver<ResponseStats> response) {
        io.hearth.core.priority.ResponseStats stats = speedToLead.stats(
                request.getOwner(),
                request.hasStartTime() ? ProtoTimes.toInstant(request.getStartTime(), "start_time") : null,
                request.hasEndTime() ? ProtoTimes.toInstant(request.getEndTime(), "end_time") : null);
        response.onNext(QueueMapper.toProto(stats, speedToLead.window()));
        response.onCompleted();
    }

    @Override
    public void listQueue(ListQueueRequest request, StreamObserver<ListQueueResponse> response) {
        Page<QueueEntry> page = queue.next(request.getOwner(), request.getPageSize(), request.getPageToken());
        ListQueueResponse.Builder result = ListQueueResponse.newBuilder();
        page.items().forEach(entry -> result.addItems(QueueMapper.toProto(entry)));
        page.nextPageToken().ifPresent(result::setNextPageToken);
        response.onNext(result.build());
        response.onCompleted();
    }

    @Override
    public void qualifyLead(QualifyLeadRequest request, StreamObserver<LeadProfile> response) {
        LeadId id = LeadId.fromName(request.getName(), "name");
        io.hearth.proto.v1.Qualification qualification = request.getQualification();
        reply(
                response,
                qualifications.qualify(
                        id,
                        request.hasQualification() ? QueueMapper.toInput(qualification) : null,
                        request.getUpdateMask().getPathsList(),
                        QueueMapper.fieldsSetIn(qualification),
                        qualification.getEtag()));
    }

    @Override
    public void listMissedDeadlines(
            ListMissedDeadlinesRequest request, StreamObserver<ListMissedDeadlinesResponse> response) {
        Page<MissedDeadline> page = speedToLead.missedDeadlines(
                request.getOwner(),
                request.hasStartTime() ? ProtoTimes.toInstant(request.getStartTime(), "start_time") : null,
                request.hasEndTime() ? ProtoTimes.toInstant(request.getEndTime(), "end_time") : null,
                request.getUnansweredOnly(),
                request.getPageSize(),
                request.getPageToken());
        Instant now = clock.instant();
        ListMissedDeadlinesResponse.Builder result = ListMissedDeadlinesResponse.newBuilder();
        page.items().forEach(missed -> result.addMissedDeadlines(QueueMapper.toProto(missed, now)));
        page.nextPageToken().ifPresent(result::setNextPageToken);
        response.onNext(result.build());
        response.onCompleted();
    }

    @Override
    public void setTemperatureOverride(SetTemperatureOverrideRequest request, StreamObserver<LeadProfile> response) {
        LeadId id = LeadId.fromName(request.getName(), "name");
        Temperature grade = QueueMapper.temperature(request.getTemperature(), "temperature");
        reply(response, overrides.override(id, grade, request.getReason(), request.getSetBy()));
    }

    @Override
    public void getLeadProfile(GetLeadProfileRequest request, StreamObserver<LeadProfile> response) {
        LeadId id = LeadId.fromName(request.getName(), "name");
        io.hearth.core.priority.LeadProfile profile = ratings.profile(id);
        response.onNext(QueueMapper.toProto(profile, leads.get(id).createdAt()));
        response.onCompleted();
    }

    private static void reply(StreamObserver<LeadProfile> response, RatedLead rated) {
        response.onNext(QueueMapper.toProto(rated.profile(), rated.lead().createdAt()));
        response.onCompleted();
    }
}
