package io.hearth.cli;

import com.google.protobuf.Message;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A QueueService test double: records every request and answers with the canned values below, or
 * every call with {@link #failure} when one is set. QualifyLead answers {@link #profile} with the
 * qualification it was sent, as the server would.
 */
final class RecordingQueueService extends QueueServiceGrpc.QueueServiceImplBase {

    private final List<Message> requests = new CopyOnWriteArrayList<>();
    private final Map<String, ListQueueResponse> pagesByToken = new HashMap<>();

    LeadProfile profile = TestQueue.PROFILE;
    PlanAgendaResponse agenda = TestQueue.AGENDA;
    ResponseStats stats = TestQueue.STATS;
    private final Map<String, ListMissedDeadlinesResponse> missedPagesByToken = new HashMap<>();
    StatusRuntimeException failure;

    /** Sent at once to every WatchQueue call. */
    final List<QueueSnapshot> snapshots = new ArrayList<>();

    /** Sent {@link #delayMillis} after the snapshots, from another thread, when set. */
    QueueSnapshot delayedSnapshot;

    long delayMillis;

    /** Whether WatchQueue ends the stream after the snapshots; the real server never does. */
    boolean endWatch;

    void addPage(String pageToken, ListQueueResponse page) {
        pagesByToken.put(pageToken, page);
    }

    void addMissedPage(String pageToken, ListMissedDeadlinesResponse page) {
        missedPagesByToken.put(pageToken, page);
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
    public void listQueue(ListQueueRequest request, StreamObserver<ListQueueResponse> response) {
        answer(request, () -> registeredPage(request.getPageToken()), response);
    }

    @Override
    public void qualifyLead(QualifyLeadRequest request, StreamObserver<LeadProfile> response) {
        answer(
                request,
                () -> profile.toBuilder()
                        .setQualification(request.getQualification())
                        .build(),
                response);
    }

    @Override
    public void setTemperatureOverride(SetTemperatureOverrideRequest request, StreamObserver<LeadProfile> response) {
        answer(request, () -> profile, response);
    }

    @Override
    public void getLeadProfile(GetLeadProfileRequest request, StreamObserver<LeadProfile> response) {
        answer(request, () -> profile, response);
    }

    @Override
    public void planAgenda(PlanAgendaRequest request, StreamObserver<PlanAgendaResponse> response) {
        answer(request, () -> agenda, response);
    }

    @Override
    public void getResponseStats(GetResponseStatsRequest request, StreamObserver<ResponseStats> response) {
        answer(request, () -> stats, response);
    }

    @Override
    public void listMissedDeadlines(
            ListMissedDeadlinesRequest request, StreamObserver<ListMissedDeadlinesResponse> response) {
        answer(
                request,
                () -> {
                    ListMissedDeadlinesResponse page = missedPagesByToken.get(request.getPageToken());
                    if (page == null) {
                        throw new AssertionError("no missed-deadlines page for token '" + request.getPageToken() + "'");
                    }
                    return page;
                },
                response);
    }

    @Override
    public void watchQueue(WatchQueueRequest request, StreamObserver<QueueSnapshot> response) {
        requests.add(request);
        if (failure != null) {
            response.onError(failure);
            return;
        }
        // Without a handler, onNext after the client cancelled would throw.
        ((ServerCallStreamObserver<QueueSnapshot>) response).setOnCancelHandler(() -> {});
        snapshots.forEach(response::onNext);
        if (delayedSnapshot != null) {
            CompletableFuture.runAsync(
                    () -> {
                        response.onNext(delayedSnapshot);
                        if (endWatch) {
                            response.onCompleted();
                        }
                    },
                    CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS));
        } else if (endWatch) {
            response.onCompleted();
        }
    }

    private ListQueueResponse registeredPage(String pageToken) {
        ListQueueResponse page = pagesByToken.get(pageToken);
        if (page == null) {
            throw new AssertionError("no page registered for token '" + pageToken + "'");
        }
        return page;
    }

    private <T> void answer(Message request, Supplier<T> reply, StreamObserver<T> response) {
        requests.add(request);
        if (failure != null) {
            response.onError(failure);
            return;
        }
        response.onNext(reply.get());
        response.onCompleted();
    }
}
