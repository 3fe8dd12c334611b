package io.hearth.server.grpc;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.grpc.stub.StreamObserver;
import io.hearth.core.app.LeadMerges;
import io.hearth.core.app.Leads;
import io.hearth.core.lead.Lead;
import io.hearth.core.person.LeadId;
import io.hearth.core.query.Page;
import io.hearth.proto.v1.ArchiveLeadRequest;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.GetLeadRequest;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.ListLeadsResponse;
import io.hearth.proto.v1.MergeLeadsRequest;
import io.hearth.proto.v1.MergeLeadsResponse;
import io.hearth.proto.v1.RestoreLeadRequest;
import io.hearth.proto.v1.UpdateLeadRequest;

/** LeadService over gRPC: maps requests to the lead use cases and their results back. */
public final class LeadGrpcService extends LeadServiceGrpc.LeadServiceImplBase {
    private final Leads leads;
    private final LeadMerges merges;
    private final PersonCadences people;

    @Inject
    public LeadGrpcService(Leads leads, LeadMerges merges, PersonCadences people) {
        this.people = requireNonNull(people, "people is null");
        this.leads = requireNonNull(leads, "leads is null");
        this.merges = requireNonNull(merges, "merges is null");
    }

    @Override
    public void createLead(CreateLeadRequest request, StreamObserver<io.hearth.proto.v1.Lead> response) {
        response.onNext(people.created(leads.createCall(
                request.hasLead() ? LeadMapper.toFields(request.getLead()) : null,
                request.getRequestId(),
                request.getAllowDuplicate())));
        response.onCompleted();
    }

    @Override
    public void getLead(GetLeadRequest request, StreamObserver<io.hearth.proto.v1.Lead> response) {
        response.onNext(people.shownLead(LeadId.fromName(request.getName(), "name")));
        response.onCompleted();
    }

    @Override
    public void listLeads(ListLeadsRequest request, StreamObserver<ListLeadsResponse> response) {
        Page<Lead> page = leads.list(
                request.getFilter(),
                request.getOrderBy(),
                request.getShowArchived(),
                request.getPageSize(),
                request.getPageToken());
        ListLeadsResponse.Builder result = ListLeadsResponse.newBuilder();
        result.addAllLeads(people.leads(page.items()));
        page.nextPageToken().ifPresent(result::setNextPageToken);
        response.onNext(result.build());
        response.onCompleted();
    }

    @Override
    public void updateLead(UpdateLeadRequest request, StreamObserver<io.hearth.proto.v1.Lead> response) {
        io.hearth.proto.v1.Lead lead = request.getLead();
        reply(
                response,
                leads.update(
                        lead.getName(),
                        request.hasLead() ? LeadMapper.toFields(lead) : null,
                        request.getUpdateMask().getPathsList(),
                        LeadMapper.fieldsSetIn(lead),
                        lead.getEtag(),
                        request.getAllowDuplicate()));
    }

    @Override
    public void archiveLead(ArchiveLeadRequest request, StreamObserver<io.hearth.proto.v1.Lead> response) {
        reply(response, leads.archive(LeadId.fromName(request.getName(), "name"), request.getEtag()));
    }

    @Override
    public void restoreLead(RestoreLeadRequest request, StreamObserver<io.hearth.proto.v1.Lead> response) {
        reply(response, leads.restore(LeadId.fromName(request.getName(), "name"), request.getEtag()));
    }

    @Override
    public void mergeLeads(MergeLeadsRequest request, StreamObserver<MergeLeadsResponse> response) {
        LeadMerges.Merge merge = merges.merge(
                LeadId.fromName(request.getSurvivor(), "survivor"),
                request.getSurvivorEtag(),
                LeadId.fromName(request.getDuplicate(), "duplicate"),
                request.getDuplicateEtag());
        response.onNext(MergeLeadsResponse.newBuilder()
                .setSurvivor(people.lead(merge.survivor()))
                .setDuplicate(people.lead(merge.duplicate()))
                .setTouchesMoved(merge.touchesMoved())
                .setFollowUpsMoved(merge.followUpsMoved())
                .setExternalIdsMoved(merge.externalIdsMoved())
                .build());
        response.onCompleted();
    }

    private void reply(StreamObserver<io.hearth.proto.v1.Lead> response, Lead lead) {
        response.onNext(people.lead(lead));
        response.onCompleted();
    }
}
