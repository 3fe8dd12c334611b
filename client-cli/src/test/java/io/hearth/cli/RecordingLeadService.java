package io.hearth.cli;

import com.google.protobuf.Message;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.hearth.proto.v1.ArchiveLeadRequest;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.GetLeadRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.ListLeadsResponse;
import io.hearth.proto.v1.MergeLeadsRequest;
import io.hearth.proto.v1.MergeLeadsResponse;
import io.hearth.proto.v1.RestoreLeadRequest;
import io.hearth.proto.v1.UpdateLeadRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A LeadService test double: records every request, answers single-lead calls with {@link
 * #lead}, list calls with the page registered for the request's page token, and every call with
 * {@link #failure} when one is set, after the {@link #failuresFirst} are used up.
 */
final class RecordingLeadService extends LeadServiceGrpc.LeadServiceImplBase {

    private final List<Message> requests = new CopyOnWriteArrayList<>();
    private final Map<String, ListLeadsResponse> pagesByToken = new HashMap<>();

    Lead lead = TestLeads.ADA;
    StatusRuntimeException failure;
    /** Failures answered first, one per call, before the calls are answered as usual. */
    final Queue<StatusRuntimeException> failuresFirst = new ConcurrentLinkedQueue<>();

    void addPage(String pageToken, ListLeadsResponse page) {
        pagesByToken.put(pageToken, page);
    }

    List<Message> requests() {
        return List.copyOf(requests);
    }

    /** The requests of one type, in the order they arrived. */
    <T extends Message> List<T> requests(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The one request received, which must be of {@code type}. */
    <T extends Message> T onlyRequest(Class<T> type) {
        if (requests.size() != 1 || !type.isInstance(requests.get(0))) {
            throw new AssertionError("expected one " + type.getSimpleName() + " but got " + requests);
        }
        return type.cast(requests.get(0));
    }

    @Override
    public void createLead(CreateLeadRequest request, StreamObserver<Lead> response) {
        answer(request, () -> lead, response);
    }

    @Override
    public void getLead(GetLeadRequest request, StreamObserver<Lead> response) {
        answer(request, () -> lead, response);
    }

    @Override
    public void listLeads(ListLeadsRequest request, StreamObserver<ListLeadsResponse> response) {
        answer(request, () -> registeredPage(request.getPageToken()), response);
    }

    @Override
    public void updateLead(UpdateLeadRequest request, StreamObserver<Lead> response) {
        answer(request, () -> lead, response);
    }

    @Override
    public void archiveLead(ArchiveLeadRequest request, StreamObserver<Lead> response) {
        answer(request, () -> lead, response);
    }

    @Override
    public void restoreLead(RestoreLeadRequest request, StreamObserver<Lead> response) {
        answer(request, () -> lead, response);
    }

    @Override
    public void mergeLeads(MergeLeadsRequest request, StreamObserver<MergeLeadsResponse> response) {
        answer(
                request,
                () -> MergeLeadsResponse.newBuilder()
                        .setSurvivor(lead)
                        .setDuplicate(Lead.newBuilder()
                                .setName(request.getDuplicate())
                                .setMergedInto(lead.getName()))
                        .setTouchesMoved(3)
                        .setFollowUpsMoved(1)
                        .build(),
                response);
    }

    private ListLeadsResponse registeredPage(String pageToken) {
        ListLeadsResponse page = pagesByToken.get(pageToken);
        if (page == null) {
            throw new AssertionError("no page registered for token '" + pageToken + "'");
        }
        return page;
    }

    private <T> void answer(Message request, Supplier<T> reply, StreamObserver<T> response) {
        requests.add(request);
        StatusRuntimeException first = failuresFirst.poll();
        if (first != null) {
            response.onError(first);
            return;
        }
        if (failure != null) {
            response.onError(failure);
            return;
        }
        response.onNext(reply.get());
        response.onCompleted();
    }
}
