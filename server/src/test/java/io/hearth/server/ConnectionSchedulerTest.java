package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.core.lead.TickingClock;
import io.hearth.core.persistence.TestDatabases;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import io.hearth.proto.v1.Connection;
import io.hearth.proto.v1.CreateConnectionRequest;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.ListSyncRunsRequest;
import io.hearth.proto.v1.SyncRun;
import io.hearth.proto.v1.SyncRunState;
import io.hearth.proto.v1.SyncServiceGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled runs with two server instances on one database: each slot of a connection runs
 * exactly once, on one of them. On PostgreSQL the second server has its own pool, so only the
 * database keeps them apart; skipped there when HEARTH_TEST_PG_URL is not set.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectionSchedulerTest {
    private static final int SLOTS = 3;

    @TempDir
    Path dataDir;

    @Test
    void twoServersOnHsqldbRunEachSlotOnce() throws Exception {
        try (TestDatabase database = TestDatabases.openHsqldb()) {
            eachSlotRunsOnce(database);
        }
    }

    @Test
    void twoServersOnPostgresRunEachSlotOnce() throws Exception {
        try (TestDatabase database = TestDatabases.postgres()) {
            eachSlotRunsOnce(database);
        }
    }

    private void eachSlotRunsOnce(TestDatabase database) throws Exception {
        FakeCrmPlugin.writeTo(dataDir);
        Path token = Files.writeString(dataDir.resolve("crm-token"), "right");
        TickingClock clock = new TickingClock(Instant.now(), Duration.ofMillis(1));
        try (InProcessHearth one = new InProcessHearth(clock, dataDir, database.database());
                InProcessHearth two = new InProcessHearth(clock, dataDir, database.anotherServer());
                ConnectionScheduler first = one.get(ConnectionScheduler.class);
                ConnectionScheduler second = two.get(ConnectionScheduler.class)) {
            SyncServiceGrpc.SyncServiceBlockingStub sync = SyncServiceGrpc.newBlockingStub(one.channel());
            Connection connection = sync.createConnection(CreateConnectionRequest.newBuilder()
                    .setConnection(Connection.newBuilder()
                            .setDisplayName("CRM")
                            .setConnector("connectors/fakecrm")
                            .putSecretRefs("token", "file:" + token)
                            .setEveryMinutes(1))
                    .build());

            for (int slot = 1; slot <= SLOTS; slot++) {
                clock.advance(Duration.ofMinutes(1));
                CountDownLatch go = new CountDownLatch(1);
                CompletableFuture<Void> a = CompletableFuture.runAsync(() -> tickAfter(go, first));
                CompletableFuture<Void> b = CompletableFuture.runAsync(() -> tickAfter(go, second));
                go.countDown();
                CompletableFuture.allOf(a, b).get(30, TimeUnit.SECONDS);
                assertThat(first.awaitIdle(Duration.ofSeconds(30))).isTrue();
                assertThat(second.awaitIdle(Duration.ofSeconds(30))).isTrue();

                assertThat(first.started() + second.started())
                        .as("runs started by slot " + slot)
                        .isEqualTo(slot);
            }
            List<SyncRun> runs = sync.listSyncRuns(ListSyncRunsRequest.newBuilder()
                            .setConnection(connection.getName())
                            .build())
                    .getSyncRunsList();
            assertThat(runs)
                    .hasSize(SLOTS)
                    .allSatisfy(run -> assertThat(run.getState()).isEqualTo(SyncRunState.SYNC_RUN_STATE_SUCCEEDED));
            assertThat(runs.get(SLOTS - 1).getCounts().getCreated()).isEqualTo(3);
            assertThat(LeadServiceGrpc.newBlockingStub(two.channel())
                            .listLeads(ListLeadsRequest.getDefaultInstance())
                            .getLeadsCount())
                    .isEqualTo(3);
        }
    }

    private static void tickAfter(CountDownLatch go, ConnectionScheduler scheduler) {
        try {
            go.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.tick();
    }
}
