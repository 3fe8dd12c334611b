package io.hearth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.app.Leads;
import io.hearth.core.app.SyncEngine;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.lead.LeadFixtures;
import io.hearth.core.lead.TickingClock;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.JooqSyncRunStore;
import io.hearth.core.persistence.JooqTransactor;
import io.hearth.core.persistence.TestDatabases.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How runs share a source and end: one run of a source at a time (on any server), no run left
 * RUNNING when its server dies, cancelled or stopped runs keep what they stored, and a run that
 * runs out of memory ends FAILED. Run against each database by a subclass.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class SyncRunsContract {
    private final TickingClock clock = new TickingClock(Instant.parse("2026-11-02T09:00:00Z"), Duration.ofMillis(1));
    private TestDatabase testDatabase;
    private Database database;
    private Leads leads;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        testDatabase = openDatabase();
        database = testDatabase.database();
        leads = LeadFixtures.leads(database, clock);
    }

    @AfterEach
    void close() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    private SyncEngine engineOn(Database on, ListConnector connector) {
        return engineOn(on, connector, new JooqSyncRunStore(on.dsl()));
    }

    private SyncEngine engineOn(Database on, ListConnector connector, SyncRunStore runs) {
        return SyncFixtures.core(on, clock, connector)
                .stores(stores -> stores.withSyncRuns(runs))
                .retry(new RetryPolicy(3, Duration.ofMillis(1), d -> {}))
                .build()
                .sync();
    }

    private static ListConnector people(int count, int batchSize) {
        ListConnector connector = new ListConnector("crm", batchSize);
        for (int i = 0; i < count; i++) {
            connector.add(
                    "id-" + i,
                    Map.of("First Name", "Given" + i, "Last Name", "Family" + i, "Email", "p" + i + "@example.com"));
        }
        return connector;
    }

    private long leadCount() {
        return leads.list("", "", true, 1000, "").items().size();
    }

    private static SyncRequest request() {
        return SyncRequest.of("crm", Map.of());
    }

    @Test
    void totalsSumTheRunsAndTheirRecordsByConnectorAndState() {
        SyncRunStore runs = new JooqSyncRunStore(database.dsl());
        assertThat(runs.totals()).isEmpty();
        ListConnector crm = people(25, 10);
        SyncEngine engine = engineOn(database, crm);

        engine.run(request(), SyncListener.NONE);
        crm.add("id-new", Map.of("First Name", "New", "Last Name", "Person", "Email", "new@example.com"));
        engine.run(request(), SyncListener.NONE);

        assertThat(runs.totals()).singleElement().satisfies(totals -> {
            assertThat(totals.connector()).isEqualTo("crm");
            assertThat(totals.state()).isEqualTo(SyncState.SUCCEEDED);
            assertThat(totals.runs()).isEqualTo(2);
            assertThat(totals.records().created()).isEqualTo(26);
            assertThat(totals.records().read()).isGreaterThanOrEqualTo(26);
            assertThat(totals.records().rejected()).isZero();
        });
    }

    @Test
    void aSecondRunOfASourceWhileOneRunsIsRefusedNamingItAndNothingIsDoubled() throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ListConnector source = people(30, 10).before(10, () -> {
            reached.countDown();
            await(release);
        });
        // on PostgreSQL the second run goes through another server's pool: the database refuses it
        SyncEngine first = engineOn(database, source);
        SyncEngine second = engineOn(testDatabase.anotherServer(), people(30, 10));
        CompletableFuture<SyncRun> running =
                CompletableFuture.supplyAsync(() -> first.run(request(), SyncListener.NONE));
        assertThat(reached.await(20, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> second.run(request(), SyncListener.NONE))
                .isInstanceOfSatisfying(FailedPreconditionException.class, e -> {
                    assertThat(e.reason()).isEqualTo("SYNC_ALREADY_RUNNING");
                    assertThat(e.getMessage()).startsWith("syncRuns/").contains("is syncing this source");
                });
        release.countDown();
        SyncRun done = running.get(20, TimeUnit.SECONDS);

        assertThat(done.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(done.counts().created()).isEqualTo(30);
        SyncRun again = second.run(request(), SyncListener.NONE);
        assertThat(again.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(again.counts().created()).isZero();
        assertThat(leadCount()).isEqualTo(30);
    }

    /**
     * The race the reliability check found with two servers on PostgreSQL: a run looks at the
     * source's holder (none), another server's run takes the source meanwhile, and the first
     * looks again before taking it. That second look must not hand it the running run's source.
     */
    @Test
    void aRunThatFindsTheSourceTakenSinceItLookedIsRefused() throws Exception {
        Assumptions.assumeTrue(
                testDatabase.anotherServer() != database,
                "one server process: its in-process turns keep two starts of a source apart");
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SyncEngine first = engineOn(database, people(30, 10).before(10, () -> {
            reached.countDown();
            await(release);
        }));
        CompletableFuture<SyncRun> running = new CompletableFuture<>();
        Database other = testDatabase.anotherServer();
        SyncRunStore looksThenWaits = afterFirstHolderLookup(new JooqSyncRunStore(other.dsl()), () -> {
            CompletableFuture.supplyAsync(() -> first.run(request(), SyncListener.NONE))
                    .whenComplete((run, failure) -> {
                        if (failure != null) {
                            running.completeExceptionally(failure);
                        } else {
                            running.complete(run);
                        }
                    });
            await(reached);
        });
        SyncEngine second = engineOn(other, people(30, 10), looksThenWaits);

        assertThatThrownBy(() -> second.run(request(), SyncListener.NONE))
                .isInstanceOfSatisfying(
                        FailedPreconditionException.class,
                        e -> assertThat(e.reason()).isEqualTo("SYNC_ALREADY_RUNNING"));
        release.countDown();
        SyncRun done = running.get(20, TimeUnit.SECONDS);

        assertThat(done.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(first.listRuns(10, "").items()).as("one run of the source").hasSize(1);
        assertThat(leadCount()).isEqualTo(30);
    }

    /** The store, running {@code meanwhile} right after its first look at a source's holder. */
    private static SyncRunStore afterFirstHolderLookup(SyncRunStore store, Runnable meanwhile) {
        AtomicBoolean looked = new AtomicBoolean();
        return (SyncRunStore) Proxy.newProxyInstance(
                SyncRunStore.class.getClassLoader(), new Class<?>[] {SyncRunStore.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("sourceHolder") && !looked.getAndSet(true)) {
                        meanwhile.run();
                    }
                    return result;
                });
    }

    @Test
    void aRunWhoseServerDiedIsInterruptedOnceItsLeaseRunsOutAndTheNextRunResumesAfterIt() {
        ListConnector source = people(30, 10);
        SyncEngine dead = engineOn(database, source);
        // the server dies after two batches: the run stops writing, still RUNNING, its source held
        source.before(20, () -> {
            throw new ServerKilled();
        });
        assertThatThrownBy(() -> dead.run(request(), SyncListener.NONE)).isInstanceOf(ServerKilled.class);
        SyncEngine other = engineOn(testDatabase.anotherServer(), people(30, 10));

        assertThat(other.interruptAbandoned(false)).as("the lease still holds").isZero();
        assertThatThrownBy(() -> other.run(request(), SyncListener.NONE))
                .isInstanceOf(FailedPreconditionException.class);
        clock.advance(SyncSettings.DEFAULT_LEASE.plusSeconds(1));
        assertThat(other.interruptAbandoned(false)).isEqualTo(1);

        SyncRun interrupted = other.listRuns(10, "").items().get(0);
        assertThat(interrupted.state()).isEqualTo(SyncState.INTERRUPTED);
        assertThat(interrupted.error()).contains("run the same import again to resume");
        SyncRun resumed = other.run(request(), SyncListener.NONE);
        assertThat(resumed.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(resumed.startCursor()).isEqualTo("20");
        assertThat(resumed.counts().created()).isEqualTo(10);
        assertThat(leadCount()).isEqualTo(30);
    }

    @Test
    void aNewRunTakesOverASourceWhoseRunLostItsLease() {
        ListConnector source = people(20, 10).before(10, () -> {
            throw new ServerKilled();
        });
        assertThatThrownBy(() -> engineOn(database, source).run(request(), SyncListener.NONE))
                .isInstanceOf(ServerKilled.class);
        clock.advance(SyncSettings.DEFAULT_LEASE.plusSeconds(1));

        SyncRun run = engineOn(testDatabase.anotherServer(), people(20, 10)).run(request(), SyncListener.NONE);

        assertThat(run.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(run.startCursor()).isEqualTo("10");
        assertThat(leadCount()).isEqualTo(20);
    }

    @Test
    void atTheStartOfTheEmbeddedServerEveryRunStillRunningIsInterrupted() {
        ListConnector source = people(20, 10).before(10, () -> {
            throw new ServerKilled();
        });
        SyncEngine engine = engineOn(database, source);
        assertThatThrownBy(() -> engine.run(request(), SyncListener.NONE)).isInstanceOf(ServerKilled.class);

        assertThat(engine.interruptAbandoned(true)).isEqualTo(1);
        assertThat(engine.run(request(), SyncListener.NONE).state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(leadCount()).isEqualTo(20);
    }

    @Test
    void aCancelledRunEndsCancelledKeepingItsBatchesAndTheNextRunGoesOnAfterThem() {
        SyncEngine engine = engineOn(database, people(50, 10));
        List<SyncRun> progress = new ArrayList<>();
        SyncListener cancelsAfterTwoBatches = new SyncListener() {
            @Override
            public void onProgress(SyncRun run) {
                progress.add(run);
            }

            @Override
            public boolean cancelled() {
                return progress.size() >= 2;
            }
        };

        SyncRun cancelled = engine.run(request(), cancelsAfterTwoBatches);

        assertThat(cancelled.state()).isEqualTo(SyncState.CANCELLED);
        assertThat(cancelled.counts().created()).isEqualTo(20);
        assertThat(cancelled.error()).contains("cancelled after 20 records");
        assertThat(leadCount()).isEqualTo(20);
        SyncRun next = engine.run(request(), SyncListener.NONE);
        assertThat(next.startCursor()).isEqualTo("20");
        assertThat(next.counts().created()).isEqualTo(30);
        assertThat(leadCount()).isEqualTo(50);
    }

    @Test
    void aStoppingServerEndsItsRunsInterruptedBeforeItCloses() throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SyncEngine engine = engineOn(database, people(40, 10).before(10, () -> {
            reached.countDown();
            await(release);
        }));
        CompletableFuture<SyncRun> running =
                CompletableFuture.supplyAsync(() -> engine.run(request(), SyncListener.NONE));
        assertThat(reached.await(20, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> engine.stopRunning(Duration.ofSeconds(20)));
        Thread.sleep(50);
        release.countDown();
        stopping.get(20, TimeUnit.SECONDS);

        SyncRun stopped = running.get(20, TimeUnit.SECONDS);
        assertThat(stopped.state()).isEqualTo(SyncState.INTERRUPTED);
        assertThat(stopped.counts().created()).isBetween(10L, 20L);
        assertThat(engine.run(request(), SyncListener.NONE).state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(leadCount()).isEqualTo(40);
    }

    @Test
    void aRunThatRunsOutOfMemoryEndsFailedAndTheSourceCanRunAgain() {
        AtomicBoolean once = new AtomicBoolean();
        SyncEngine engine = engineOn(database, people(30, 10).before(10, () -> {
            if (!once.getAndSet(true)) {
                throw new OutOfMemoryError("Java heap space");
            }
        }));

        SyncRun failed = engine.run(request(), SyncListener.NONE);

        assertThat(failed.state()).isEqualTo(SyncState.FAILED);
        assertThat(failed.error()).contains("ran out of memory after 10 records");
        SyncRun next = engine.run(request(), SyncListener.NONE);
        assertThat(next.state()).isEqualTo(SyncState.SUCCEEDED);
        assertThat(leadCount()).isEqualTo(30);
    }

    @Test
    void aRunMarkedInterruptedByAnotherServerStoresNothingMore() {
        SyncEngine engine = engineOn(database, people(30, 10));
        JooqSyncRunStore runs = new JooqSyncRunStore(database.dsl());
        SyncListener reapedAfterFirstBatch = run ->
                new JooqTransactor(database.dsl()).run(() -> runs.interruptAbandoned(clock.instant(), true, "reaped"));

        SyncRun run = engine.run(request(), reapedAfterFirstBatch);

        assertThat(run.state()).isEqualTo(SyncState.INTERRUPTED);
        assertThat(run.error()).isEqualTo("reaped");
        assertThat(leadCount()).isEqualTo(10);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stands for a kill -9: the engine neither catches it nor finishes the run, which stays RUNNING. */
    private static final class ServerKilled extends Error {}
}
