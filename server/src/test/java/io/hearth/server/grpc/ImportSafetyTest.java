package io.hearth.server.grpc;

import static io.hearth.server.grpc.GrpcAssertions.errorReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.hearth.proto.v1.ImportFileHeader;
import io.hearth.proto.v1.ImportFileRequest;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.ListSyncRunsRequest;
import io.hearth.proto.v1.StartSyncRequest;
import io.hearth.proto.v1.SyncRun;
import io.hearth.proto.v1.SyncRunState;
import io.hearth.proto.v1.SyncServiceGrpc;
import io.hearth.server.InProcessHearth;
import io.hearth.server.SyncRunKeeper;
import io.hearth.server.config.CadenceConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an unlucky or hostile client cannot do to the server's files and runs: read a file outside
 * the import folder, upload past the limit, leave uploads behind, or keep a run going after it
 * hung up.
 */
class ImportSafetyTest {
    private static final long MAX_UPLOAD = 1024 * 1024;

    @TempDir
    Path dataDir;

    private InProcessHearth hearth;
    private SyncServiceGrpc.SyncServiceBlockingStub sync;
    private SyncClient client;

    @BeforeEach
    void start() throws Exception {
        // on thread pools, as a real server: a client cancels while the server imports
        hearth = new InProcessHearth(Clock.systemUTC(), CadenceConfig.DEFAULTS, dataDir, MAX_UPLOAD, false);
        hearth.get(SyncRunKeeper.class).start();
        sync = SyncServiceGrpc.newBlockingStub(hearth.channel());
        client = new SyncClient(hearth.channel());
    }

    @AfterEach
    void stop() throws Exception {
        hearth.close();
    }

    private Iterable<SyncRun> startSync(String path) {
        return () -> sync.startSync(StartSyncRequest.newBuilder()
                .setConnector("connectors/csv")
                .putConfig("path", path)
                .build());
    }

    private void assertDenied(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(errorReason(e)).isEqualTo("PATH_OUTSIDE_IMPORT_FOLDER");
            assertThat(e.getStatus().getDescription()).contains("import folder").doesNotContain(dataDir.toString());
        });
    }

    @Test
    void startSyncReadsNoFileOutsideTheImportFolder() throws Exception {
        Path secret = Files.writeString(dataDir.resolve("secret.csv"), "First Name,Email\nEve,eve@example.com\n");
        Files.createSymbolicLink(dataDir.resolve("imports").resolve("link.csv"), secret);

        assertDenied(() -> startSync("/etc/passwd").forEach(run -> {}));
        assertDenied(() -> startSync(secret.toString()).forEach(run -> {}));
        assertDenied(() -> startSync("../secret.csv").forEach(run -> {}));
        assertDenied(() -> startSync("link.csv").forEach(run -> {}));
        assertThat(LeadServiceGrpc.newBlockingStub(hearth.channel())
                        .listLeads(ListLeadsRequest.getDefaultInstance())
                        .getLeadsList())
                .isEmpty();
    }

    @Test
    void aFileInTheImportFolderIsReadAndShownByItsPlaceThere() throws Exception {
        Path folder = Files.createDirectories(dataDir.resolve("imports").resolve("fairs"));
        Files.writeString(folder.resolve("leads.csv"), "First Name,Email\nAda,ada@example.com\n");

        List<SyncRun> runs = new ArrayList<>();
        startSync("fairs/leads.csv").forEach(runs::add);

        SyncRun last = runs.get(runs.size() - 1);
        assertThat(last.getState()).isEqualTo(SyncRunState.SYNC_RUN_STATE_SUCCEEDED);
        assertThat(last.getCounts().getCreated()).isEqualTo(1);
        assertThat(last.getSource()).contains("path=fairs/leads.csv").doesNotContain(dataDir.toString());
    }

    @Test
    void anUploadOverTheLimitIsRefusedAndLeavesNothingBehind() throws Exception {
        byte[] big = ("First Name,Email\n" + "Ada,ada@example.com\n".repeat(60_000)).getBytes(StandardCharsets.UTF_8);
        assertThat(big.length).isGreaterThan((int) MAX_UPLOAD);

        assertThatThrownBy(() -> client.importFile("big.csv", big))
                .hasCauseInstanceOf(StatusRuntimeException.class)
                .cause()
                .satisfies(e -> {
                    StatusRuntimeException status = (StatusRuntimeException) e;
                    assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(status.getStatus().getDescription()).contains(Long.toString(MAX_UPLOAD));
                });
        assertThat(uploadsLeft()).isEmpty();
    }

    @Test
    void anImportLeavesNoUploadAndNamesTheFileByItsOwnName() throws Exception {
        SyncRun run = client.importFile("fair.csv", "First Name,Email\nAda,ada@example.com\n".getBytes());

        assertThat(run.getState()).isEqualTo(SyncRunState.SYNC_RUN_STATE_SUCCEEDED);
        assertThat(run.getSource()).isEqualTo("path=fair.csv");
        assertThat(uploadsLeft()).isEmpty();
        SyncRun empty = client.importFile("empty.csv", new byte[0]);
        assertThat(empty.getError())
                .isEqualTo("empty.csv is empty: there is nothing to import")
                .doesNotContain(dataDir.toString());
    }

    @Test
    void cancellingTheCallEndsTheRunCancelledAndTheSameFileGoesOnFromThere() throws Exception {
        StringBuilder csv = new StringBuilder("First Name,Last Name,Email\n");
        for (int i = 0; i < 10_000; i++) {
            csv.append("Given")
                    .append(i)
                    .append(",Family")
                    .append(i)
                    .append(",p")
                    .append(i)
                    .append("@example.com\n");
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);

        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        CancelsOnProgress canceller = new CancelsOnProgress(ended);
        var upload = SyncServiceGrpc.newStub(hearth.channel()).importFile(canceller);
        upload.onNext(ImportFileRequest.newBuilder()
                .setHeader(ImportFileHeader.newBuilder().setFileName("big.csv"))
                .build());
        upload.onNext(ImportFileRequest.newBuilder()
                .setChunk(ByteString.copyFrom(file))
                .build());
        upload.onCompleted();
        canceller.firstProgress.get(30, TimeUnit.SECONDS);
        canceller.call.cancel("the user pressed Ctrl-C", null);
        assertThat(ended.get(30, TimeUnit.SECONDS)).isInstanceOf(StatusRuntimeException.class);
        awaitRunEnded();

        SyncRun cancelled =
                sync.listSyncRuns(ListSyncRunsRequest.getDefaultInstance()).getSyncRuns(0);
        assertThat(cancelled.getState()).isEqualTo(SyncRunState.SYNC_RUN_STATE_CANCELLED);
        assertThat(cancelled.getCounts().getRead()).isLessThan(10_000);
        assertThat(cancelled.getError()).contains("run the same import again");
        SyncRun resumed = client.importFile("big.csv", file);
        assertThat(resumed.getState()).isEqualTo(SyncRunState.SYNC_RUN_STATE_SUCCEEDED);
        assertThat(resumed.getCounts().getCreated())
                .isEqualTo(10_000 - cancelled.getCounts().getCreated());
        assertThat(resumed.getStartCursor()).isEqualTo(cancelled.getEndCursor());
        assertThat(uploadsLeft()).isEmpty();
    }

    @Test
    void atStartUploadsLeftByAStoppedServerAreCleared() throws Exception {
        Path left = Files.createDirectories(dataDir.resolve("uploads").resolve("upload-123"));
        Files.writeString(left.resolve("half.csv"), "First Name\nAda\n");

        hearth.get(SyncRunKeeper.class).start();

        assertThat(uploadsLeft()).isEmpty();
    }

    private List<Path> uploadsLeft() throws Exception {
        Path uploads = dataDir.resolve("uploads");
        if (!Files.exists(uploads)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(uploads)) {
            return files.toList();
        }
    }

    private void awaitRunEnded() throws InterruptedException {
        for (int i = 0;
                i < 300
                        && sync.listSyncRuns(ListSyncRunsRequest.getDefaultInstance())
                                        .getSyncRuns(0)
                                        .getState()
                                == SyncRunState.SYNC_RUN_STATE_RUNNING;
                i++) {
            Thread.sleep(100);
        }
    }

    /** Hears the first progress message, after which the test cancels the call, as Ctrl-C in the CLI does. */
    private static final class CancelsOnProgress implements ClientResponseObserver<ImportFileRequest, SyncRun> {
        private final CompletableFuture<Throwable> ended;
        private final CompletableFuture<SyncRun> firstProgress = new CompletableFuture<>();
        private ClientCallStreamObserver<ImportFileRequest> call;

        CancelsOnProgress(CompletableFuture<Throwable> ended) {
            this.ended = ended;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<ImportFileRequest> requestStream) {
            call = requestStream;
        }

        @Override
        public void onNext(SyncRun run) {
            firstProgress.complete(run);
        }

        @Override
        public void onError(Throwable failure) {
            ended.complete(failure);
        }

        @Override
        public void onCompleted() {
            ended.complete(null);
        }
    }
}
