package io.hearth.bench.reliability;

import io.hearth.proto.v1.ListSyncRunsRequest;
import io.hearth.proto.v1.ListSyncRunsResponse;
import io.hearth.proto.v1.SyncRun;
import io.hearth.proto.v1.SyncRunState;
import io.hearth.proto.v1.SyncServiceGrpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The sync runs of a database, all pages, as any of its servers lists them. */
final class SyncRuns {
    private static final Duration POLL = Duration.ofSeconds(1);

    private SyncRuns() {}

    static List<SyncRun> all(ServerProcess server) {
        SyncServiceGrpc.SyncServiceBlockingStub sync = SyncServiceGrpc.newBlockingStub(server.channel());
        List<SyncRun> runs = new ArrayList<>();
        String token = "";
        do {
            ListSyncRunsResponse page = sync.withDeadlineAfter(60, TimeUnit.SECONDS)
                    .listSyncRuns(ListSyncRunsRequest.newBuilder()
                            .setPageSize(1000)
                            .setPageToken(token)
                            .build());
            runs.addAll(page.getSyncRunsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return runs;
    }

    static long running(ServerProcess server) {
        return all(server).stream()
                .filter(run -> run.getState() == SyncRunState.SYNC_RUN_STATE_RUNNING)
                .count();
    }

    /**
     * Waits, at most {@code bound}, until no run is RUNNING: a run whose server died stays RUNNING
     * until its lease runs out and a server's reaper marks it. Returns how many are still RUNNING.
     */
    static long awaitNoneRunning(ServerProcess server, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        long running = running(server);
        while (running > 0 && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            running = running(server);
        }
        return running;
    }
}
