package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.hearth.proto.v1.ImportFileHeader;
import io.hearth.proto.v1.ImportFileRequest;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.ListLeadsResponse;
import io.hearth.proto.v1.ListSyncRunsRequest;
import io.hearth.proto.v1.SyncRun;
import io.hearth.proto.v1.SyncRunState;
import io.hearth.proto.v1.SyncServiceGrpc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the real server (SIGKILL, no shutdown hook) in the middle of an import, restarts it on the
 * same data directory and imports the same file again: every row is there exactly once. Runs the
 * shaded jar on loopback, so it belongs to {@code verify}, after {@code package}.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KillMidImportIT {
    /**
     * Six batches of the sync engine's 1,000 (SyncEngine.BATCH_SIZE): enough that the server is
     * stopped with batches stored and batches left (it is stopped once two are read, four are left,
     * the resumed run reads fewer than all), no more, as every row is imported up to three times.
     */
    private static final int ROWS = 6_000;
    /** Rows read before the server is stopped: two batches stored, four to go. */
    private static final int STOP_AFTER_READ = 2_000;

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path work;

    @Test
    void killedImportResumesAndStoresEveryRowOnce() throws Exception {
        byte[] file = bigCsv();
        Path dataDir = work.resolve("data");

        Server first = Server.start(dataDir);
        CountDownLatch someBatchesStored = new CountDownLatch(1);
        ManagedChannel firstChannel = first.channel();
        try {
            CompletableFuture<SyncRun> cut = upload(firstChannel, file, run -> {
                if (run.getCounts().getRead() >= STOP_AFTER_READ) {
                    someBatchesStored.countDown();
                }
            });
            assertThat(someBatchesStored.await(60, TimeUnit.SECONDS))
                    .as("import made progress")
                    .isTrue();
            first.kill();
            assertThat(cut).failsWithin(30, TimeUnit.SECONDS);
        } finally {
            first.kill();
            firstChannel.shutdownNow();
        }

        Server second = Server.start(dataDir);
        ManagedChannel channel = second.channel();
        try {
            // at start the embedded server marks the dead server's run interrupted and drops its upload
            assertThat(SyncServiceGrpc.newBlockingStub(channel)
                            .listSyncRuns(ListSyncRunsRequest.newBuilder().build())
                            .getSyncRunsList())
                    .singleElement()
                    .satisfies(run -> {
                        assertThat(run.getState()).isEqualTo(SyncRunState.SYNC_RUN_STATE_INTERRUPTED);
                        assertThat(run.getError()).contains("run the same import again to resume");
                    });
            assertThat(uploads(dataDir)).isEmpty();
            SyncRun resumed = upload(channel, file, run -> {}).get(120, TimeUnit.SECONDS);
            assertThat(resumed.getState()).isEqualTo(SyncRunState.SYNC_RUN_STATE_SUCCEEDED);
            assertThat(resumed.getStartCursor())
                    .as("resumed after the last stored batch")
                    .isNotEmpty();
            assertThat(resumed.getCounts().getRead()).isLessThan(ROWS);

            assertThat(emails(channel)).hasSize(ROWS).doesNotHaveDuplicates();
            List<SyncRun> runs = SyncServiceGrpc.newBlockingStub(channel)
                    .listSyncRuns(ListSyncRunsRequest.newBuilder().build())
                    .getSyncRunsList();
            assertThat(runs)
                    .extracting(SyncRun::getState)
                    .containsExactly(SyncRunState.SYNC_RUN_STATE_SUCCEEDED, SyncRunState.SYNC_RUN_STATE_INTERRUPTED);

            SyncRun again = upload(channel, file, run -> {}).get(120, TimeUnit.SECONDS);
            assertThat(again.getCounts().getCreated()).isZero();
            assertThat(again.getCounts().getUnchanged()).isEqualTo(ROWS);
        } finally {
            channel.shutdownNow();
            second.kill();
        }
    }

    @Test
    void sigtermMidImportEndsTheRunInterruptedWithItsBatchesKept() throws Exception {
        byte[] file = bigCsv();
        Path dataDir = work.resolve("data");
        Server first = Server.start(dataDir);
        CountDownLatch someBatchesStored = new CountDownLatch(1);
        ManagedChannel firstChannel = first.channel();
        CompletableFuture<SyncRun> stopped;
        try {
            stopped = upload(firstChannel, file, run -> {
                if (run.getCounts().getRead() >= STOP_AFTER_READ) {
                    someBatchesStored.countDown();
                }
            });
            assertThat(someBatchesStored.await(60, TimeUnit.SECONDS))
                    .as("import made progress")
                    .isTrue();
            first.terminate();
        } finally {
            first.kill();
            firstChannel.shutdownNow();
        }
        SyncRun last = stopped.get(30, TimeUnit.SECONDS);
        assertThat(last.getState())
                .as("the run ended before the database closed")
                .isEqualTo(SyncRunState.SYNC_RUN_STATE_INTERRUPTED);
        assertThat(last.getError()).contains("the server stopped after");

        Server second = Server.start(dataDir);
        ManagedChannel channel = second.channel();
        try {
            SyncRun resumed = upload(channel, file, run -> {}).get(120, TimeUnit.SECONDS);
            assertThat(resumed.getStartCursor()).isEqualTo(last.getEndCursor());
            assertThat(resumed.getCounts().getCreated())
                    .isEqualTo(ROWS - last.getCounts().getCreated());
            assertThat(emails(channel)).hasSize(ROWS).doesNotHaveDuplicates();
            assertThat(uploads(dataDir)).isEmpty();
        } finally {
            channel.shutdownNow();
            second.kill();
        }
    }

    private byte[] bigCsv() throws IOException {
        Path csv = work.resolve("big.csv");
        StringBuilder content = new StringBuilder("First Name,Last Name,Email,Phone\n");
        for (int i = 0; i < ROWS; i++) {
            content.append("P")
                    .append(i)
                    .append(",Person,p")
                    .append(i)
                    .append("@example.com,+1415")
                    .append(String.format("%07d", i))
                    .append('\n');
        }
        Files.writeString(csv, content);
        return Files.readAllBytes(csv);
    }

    private static List<Path> uploads(Path dataDir) throws IOException {
        Path uploads = dataDir.resolve("uploads");
        if (!Files.exists(uploads)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.list(uploads)) {
            return files.toList();
        }
    }

    private static List<String> emails(ManagedChannel channel) {
        LeadServiceGrpc.LeadServiceBlockingStub leads = LeadServiceGrpc.newBlockingStub(channel);
        List<String> emails = new java.util.ArrayList<>();
        String token = "";
        do {
            ListLeadsResponse page = leads.listLeads(ListLeadsRequest.newBuilder()
                    .setPageSize(1000)
                    .setPageToken(token)
                    .build());
            page.getLeadsList().forEach(l -> emails.add(l.getEmail()));
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return emails;
    }

    private static CompletableFuture<SyncRun> upload(
            ManagedChannel channel, byte[] file, java.util.function.Consumer<SyncRun> progress) {
        CompletableFuture<SyncRun> done = new CompletableFuture<>();
        StreamObserver<ImportFileRequest> requests = SyncServiceGrpc.newStub(channel)
                .importFile(new StreamObserver<>() {
                    private SyncRun last;

                    @Override
                    public void onNext(SyncRun run) {
                        last = run;
                        progress.accept(run);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        done.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(last);
                    }
                });
        requests.onNext(ImportFileRequest.newBuilder()
                .setHeader(ImportFileHeader.newBuilder().setFileName("big.csv"))
                .build());
        for (int offset = 0; offset < file.length; offset += 64 * 1024) {
            requests.onNext(ImportFileRequest.newBuilder()
                    .setChunk(ByteString.copyFrom(file, offset, Math.min(64 * 1024, file.length - offset)))
                    .build());
        }
        requests.onCompleted();
        return done;
    }

    /** The shaded server jar in a child JVM on a free loopback port. */
    private record Server(Process process, int port) {
        static Server start(Path dataDir) throws IOException, InterruptedException {
            Path jar = Path.of("target/hearth-server.jar");
            assertThat(jar).as("the shaded jar from package").exists();
            Process process = ChildJvm.startServer(
                    new ProcessBuilder().redirectErrorStream(true),
                    List.of("-Xmx256m"),
                    jar,
                    List.of("--port", "0", "--data-dir", dataDir.toString()));
            BufferedReader output =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    int port = Integer.parseInt(listening.group(1));
                    Thread drain = new Thread(
                            () -> {
                                try {
                                    output.lines().forEach(l -> {});
                                } catch (java.io.UncheckedIOException closed) {
                                    // the pipe closes when the test kills the server: nothing left to read
                                }
                            },
                            "server-output");
                    drain.setDaemon(true);
                    drain.start();
                    return new Server(process, port);
                }
            }
            throw new IllegalStateException("the server exited with " + process.waitFor() + " before listening");
        }

        ManagedChannel channel() {
            return ManagedChannelBuilder.forAddress("127.0.0.1", port)
                    .usePlaintext()
                    .build();
        }

        /** SIGTERM: the shutdown hook runs, as when an operator stops the service. */
        void terminate() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("stopped within its grace period")
                    .isTrue();
        }

        /** SIGKILL: no shutdown hook, no clean database close. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
