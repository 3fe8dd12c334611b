package io.hearth.server.grpc;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.hearth.proto.v1.ExportContactsRequest;
import io.hearth.proto.v1.ExportContactsResponse;
import io.hearth.proto.v1.ExportLeadsRequest;
import io.hearth.proto.v1.ExportLeadsResponse;
import io.hearth.proto.v1.ExportSummary;
import io.hearth.proto.v1.ImportFileHeader;
import io.hearth.proto.v1.ImportFileRequest;
import io.hearth.proto.v1.SyncRun;
import io.hearth.proto.v1.SyncServiceGrpc;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/** Drives the streaming SyncService calls the way a client would: upload in chunks, download the export. */
final class SyncClient {
    private static final int CHUNK = 4096;

    private final ManagedChannel channel;

    SyncClient(ManagedChannel channel) {
        this.channel = channel;
    }

    /** Every run message the server streamed; the last is the finished run. */
    List<SyncRun> importFile(ImportFileHeader header, byte[] content) throws Exception {
        List<SyncRun> runs = new ArrayList<>();
        CompletableFuture<List<SyncRun>> done = new CompletableFuture<>();
        StreamObserver<ImportFileRequest> upload = SyncServiceGrpc.newStub(channel)
                .importFile(new StreamObserver<>() {
                    @Override
                    public void onNext(SyncRun run) {
                        runs.add(run);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        done.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(runs);
                    }
                });
        upload.onNext(ImportFileRequest.newBuilder().setHeader(header).build());
        for (int offset = 0; offset < content.length; offset += CHUNK) {
            upload.onNext(ImportFileRequest.newBuilder()
                    .setChunk(ByteString.copyFrom(content, offset, Math.min(CHUNK, content.length - offset)))
                    .build());
        }
        upload.onCompleted();
        return done.get(30, TimeUnit.SECONDS);
    }

    SyncRun importFile(String fileName, byte[] content) throws Exception {
        List<SyncRun> runs =
                importFile(ImportFileHeader.newBuilder().setFileName(fileName).build(), content);
        return runs.get(runs.size() - 1);
    }

    record Export(byte[] file, long written) {}

    Export export(String connector, String filter) {
        return download(
                SyncServiceGrpc.newBlockingStub(channel)
                        .exportLeads(ExportLeadsRequest.newBuilder()
                                .setConnector(connector)
                                .setFilter(filter)
                                .build()),
                ExportLeadsResponse::hasSummary,
                ExportLeadsResponse::getSummary,
                ExportLeadsResponse::getChunk);
    }

    Export exportOpportunities(String connector, String filter) {
        return download(
                SyncServiceGrpc.newBlockingStub(channel)
                        .exportOpportunities(io.hearth.proto.v1.ExportOpportunitiesRequest.newBuilder()
                                .setConnector(connector)
                                .setFilter(filter)
                                .build()),
                io.hearth.proto.v1.ExportOpportunitiesResponse::hasSummary,
                io.hearth.proto.v1.ExportOpportunitiesResponse::getSummary,
                io.hearth.proto.v1.ExportOpportunitiesResponse::getChunk);
    }

    Export exportContacts(String connector, String filter) {
        return download(
                SyncServiceGrpc.newBlockingStub(channel)
                        .exportContacts(ExportContactsRequest.newBuilder()
                                .setConnector(connector)
                                .setFilter(filter)
                                .build()),
                ExportContactsResponse::hasSummary,
                ExportContactsResponse::getSummary,
                ExportContactsResponse::getChunk);
    }

    private static <R> Export download(
            Iterator<R> responses,
            Predicate<R> isSummary,
            Function<R, ExportSummary> summary,
            Function<R, ByteString> chunk) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        long written = -1;
        while (responses.hasNext()) {
            R response = responses.next();
            if (isSummary.test(response)) {
                written = summary.apply(response).getWritten();
            } else {
                file.writeBytes(chunk.apply(response).toByteArray());
            }
        }
        return new Export(file.toByteArray(), written);
    }
}
