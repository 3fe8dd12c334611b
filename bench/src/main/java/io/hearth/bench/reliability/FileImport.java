package io.hearth.bench.reliability;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.hearth.proto.v1.ImportFileHeader;
import io.hearth.proto.v1.ImportFileRequest;
import io.hearth.proto.v1.SyncRun;
import io.hearth.proto.v1.SyncServiceGrpc;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One {@code ImportFile} call, as {@code hearth import} makes it, in two steps: {@link #upload}
 * sends the file, {@link #finish} ends the upload, which is when the server starts the run. Two
 * imports uploaded first and then finished back to back start their runs at the same moment.
 */
final class FileImport {
    private static final int CHUNK_BYTES = 64 * 1024;
    /** Longer than any import here takes; a call past it is cancelled and counts as a failure. */
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    private final StreamObserver<ImportFileRequest> requests;
    private final CompletableFuture<SyncRun> outcome;

    private FileImport(StreamObserver<ImportFileRequest> requests, CompletableFuture<SyncRun> outcome) {
        this.requests = requests;
        this.outcome = outcome;
    }

    /** Sends the header and every byte of {@code content}; {@code progress} sees each batch's run. */
    static FileImport upload(ServerProcess server, String fileName, byte[] content, Consumer<SyncRun> progress) {
        CompletableFuture<SyncRun> outcome = new CompletableFuture<>();
        StreamObserver<ImportFileRequest> requests = SyncServiceGrpc.newStub(server.channel())
                .withDeadlineAfter(DEADLINE.toSeconds(), TimeUnit.SECONDS)
                .importFile(new StreamObserver<>() {
                    private SyncRun last;

                    @Override
                    public void onNext(SyncRun run) {
                        last = run;
                        progress.accept(run);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        outcome.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                        outcome.complete(last);
                    }
                });
        requests.onNext(ImportFileRequest.newBuilder()
                .setHeader(ImportFileHeader.newBuilder().setFileName(fileName))
                .build());
        for (int offset = 0; offset < content.length; offset += CHUNK_BYTES) {
            requests.onNext(ImportFileRequest.newBuilder()
                    .setChunk(ByteString.copyFrom(content, offset, Math.min(CHUNK_BYTES, content.length - offset)))
                    .build());
        }
        return new FileImport(requests, outcome);
    }

    static FileImport upload(ServerProcess server, String fileName, byte[] content) {
        return upload(server, fileName, content, run -> {});
    }

    /** Ends the upload: the server starts the run now. */
    FileImport finish() {
        requests.onCompleted();
        return this;
    }

    /**
     * Waits for the answer and counts it; returns the finished run, or null when the call failed.
     */
    SyncRun await(Answers answers) throws InterruptedException {
        try {
            SyncRun run = outcome.get(DEADLINE.toSeconds() + 30, TimeUnit.SECONDS);
            answers.ok();
            return run;
        } catch (ExecutionException e) {
            answers.failed(e.getCause());
            return null;
        } catch (TimeoutException e) {
            throw new IllegalStateException("an import outlived its own deadline", e);
        }
    }
}
