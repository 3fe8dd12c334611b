package io.hearth.server.grpc;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.grpc.stub.StreamObserver;
import io.hearth.core.app.Opportunities;
import io.hearth.core.app.PipelineStatsReport;
import io.hearth.core.opportunity.Opportunity;
import io.hearth.core.opportunity.OpportunityId;
import io.hearth.core.opportunity.PipelineStages;
import io.hearth.core.query.Page;
import io.hearth.proto.v1.ArchiveOpportunityRequest;
import io.hearth.proto.v1.CloseOpportunityRequest;
import io.hearth.proto.v1.CreateOpportunityRequest;
import io.hearth.proto.v1.GetOpportunityRequest;
import io.hearth.proto.v1.GetPipelineStatsRequest;
import io.hearth.proto.v1.ListOpportunitiesRequest;
import io.hearth.proto.v1.ListOpportunitiesResponse;
import io.hearth.proto.v1.MoveOpportunityStageRequest;
import io.hearth.proto.v1.OpportunityServiceGrpc;
import io.hearth.proto.v1.PipelineStats;
import io.hearth.proto.v1.ReopenOpportunityRequest;
import io.hearth.proto.v1.RestoreOpportunityRequest;
import io.hearth.proto.v1.UpdateOpportunityRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** OpportunityService over gRPC: maps requests to the opportunity use cases and back. */
public final class OpportunityGrpcService extends OpportunityServiceGrpc.OpportunityServiceImplBase {
    private final Opportunities opportunities;
    private final PipelineStatsReport pipelineStats;

    @Inject
    public OpportunityGrpcService(Opportunities opportunities, PipelineStatsReport pipelineStats) {
        this.opportunities = requireNonNull(opportunities, "opportunities is null");
        this.pipelineStats = requireNonNull(pipelineStats, "pipelineStats is null");
    }

    @Override
    public void createOpportunity(
            CreateOpportunityRequest request, StreamObserver<io.hearth.proto.v1.Opportunity> response) {
        io.hearth.proto.v1.Opportunity opportunity = request.getOpportunity();
        reply(
                response,
                opportunities.create(
                        opportunity.getContact(),
                        request.hasOpportunity() ? OpportunityMapper.toFields(opportunity, "opportunity") : null,
                        opportunity.getStage(),
                        request.getRequestId()));
    }

    @Override
    public void getOpportunity(GetOpportunityRequest request, StreamObserver<io.hearth.proto.v1.Opportunity> response) {
        reply(response, opportunities.get(OpportunityId.fromName(request.getName(), "name")));
    }

    @Override
    public void listOpportunities(
            ListOpportunitiesRequest request, StreamObserver<ListOpportunitiesResponse> response) {
        Page<Opportunity> page = opportunities.list(
                request.getFilter(),
                OpportunityMapper.day(
                        request.hasExpectedCloseFrom(), request.getExpectedCloseFrom(), "expected_close_from"),
                OpportunityMapper.day(request.hasExpectedCloseTo(), request.getExpectedCloseTo(), "expected_close_to"),
                request.getShowArchived(),
                request.getOrderBy(),
                request.getPageSize(),
                request.getPageToken());
        ListOpportunitiesResponse.Builder result = ListOpportunitiesResponse.newBuilder();
        // one pipeline lookup per owner on the page, not per deal
        Map<Optional<String>, PipelineStages> pipelines = new HashMap<>();
        page.items()
                .forEach(o -> result.addOpportunities(OpportunityMapper.toProto(
                        o,
                        pipelines.computeIfAbsent(
                                Optional.ofNullable(o.fields().owner()), owner -> opportunities.pipelineOf(o)))));
        page.nextPageToken().ifPresent(result::setNextPageToken);
        response.onNext(result.build());
        response.onCompleted();
    }

    @Override
    public void updateOpportunity(
            UpdateOpportunityRequest request, StreamObserver<io.hearth.proto.v1.Opportunity> response) {
        io.hearth.proto.v1.Opportunity opportunity = request.getOpportunity();
        reply(
                response,
                opportunities.update(
                        opportunity.getName(),
                        request.hasOpportunity() ? OpportunityMapper.toFields(opportunity, "opportunity") : null,
                        request.getUpdateMask().getPathsList(),
                        OpportunityMapper.fieldsSetIn(opportunity),
                        opportunity.getEtag()));
    }

    @Override
    public void moveOpportunityStage(
            MoveOpportunityStageRequest request, StreamObserver<io.hearth.proto.v1.Opportunity> response) {
        reply(
                response,
                opportunities.move(
                        OpportunityId.fromName(request.getName(), "name"), request.getStage(), request.getEtag()));
    }

    @Override
    public void closeOpportunity(
            CloseOpportunityRequest request, StreamObserver<io.hearth.proto.v1.Opportunity> response) {
        reply(
                response,
                opportunities.close(
                        OpportunityId.fromName(request.getName(), "name"),
                        OpportunityMapper.outcome(request.getOutcome(), "outcome"),
                        request.getReason(),
                        request.getEtag()));
    }

    @Override
    public void archiveOpportunity(
            ArchiveOpportunityRequest request, StreamObserver<io.hearth.proto.v1.Opportunity> response) {
        reply(response, opportunities.archive(OpportunityId.fromName(request.getName(), "name"), request.getEtag()));
    }

    @Override
    public void restoreOpportunity(
            RestoreOpportunityRequest request, StreamObserver<io.hearth.proto.v1.Opportunity> response) {
        reply(response, opportunities.restore(OpportunityId.fromName(request.getName(), "name"), request.getEtag()));
    }

    @Override
    public void reopenOpportunity(
            ReopenOpportunityRequest request, StreamObserver<io.hearth.proto.v1.Opportunity> response) {
        reply(
                response,
                opportunities.reopen(
                        OpportunityId.fromName(request.getName(), "name"), request.getStage(), request.getEtag()));
    }

    @Override
    public void getPipelineStats(GetPipelineStatsRequest request, StreamObserver<PipelineStats> response) {
        response.onNext(PipelineStatsMapper.toProto(pipelineStats.report(
                request.getOwner(),
                request.getTeam(),
                PipelineStatsMapper.time(
                        request.hasCreateStartTime(), request.getCreateStartTime(), "create_start_time"),
                PipelineStatsMapper.time(request.hasCreateEndTime(), request.getCreateEndTime(), "create_end_time"),
                PipelineStatsMapper.time(request.hasCloseStartTime(), request.getCloseStartTime(), "close_start_time"),
                PipelineStatsMapper.time(request.hasCloseEndTime(), request.getCloseEndTime(), "close_end_time"))));
        response.onCompleted();
    }

    private void reply(StreamObserver<io.hearth.proto.v1.Opportunity> response, Opportunity opportunity) {
        response.onNext(toProto(opportunity));
        response.onCompleted();
    }

    private io.hearth.proto.v1.Opportunity toProto(Opportunity opportunity) {
        return OpportunityMapper.toProto(opportunity, opportunities.pipelineOf(opportunity));
    }
}
